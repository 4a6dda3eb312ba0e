// The module's Exercises 1-5, typed verbatim (the scripts are the module's own text):
// each test command must give the outcome the module states next to it.
import { describe, expect, it } from 'vitest';
import { NGINX_TITLE, moduleScript, newConsole, play, stepsStarting } from './helpers.js';
import type { ScriptStep } from '../../src/core/console/index.js';

function succeeded(s: ScriptStep): void {
  expect(s.lines.join('\n')).toContain(NGINX_TITLE);
  expect(s.exitCode).toBe(0);
}

function timedOut(s: ScriptStep): void {
  expect(s.lines).toEqual(['wget: download timed out', 'command terminated with exit code 1']);
  expect(s.exitCode).toBe(1);
}

describe('module 13, Exercise 1: default deny and allow', () => {
  it('works, is blocked by deny-all-ingress, works again once client is allowed', async () => {
    const { steps } = await play(newConsole(), moduleScript('ex1'));
    expect(steps.map((s) => s.lines[0])).toEqual([
      'namespace/netpol-test created',
      'deployment.apps/web created',
      'service/web exposed',
      'deployment.apps/client created',
      '<!DOCTYPE html>',
      'networkpolicy.networking.k8s.io/deny-all-ingress created',
      'wget: download timed out',
      'networkpolicy.networking.k8s.io/allow-client-to-web created',
      '<!DOCTYPE html>',
      'namespace "netpol-test" deleted',
    ]);
    const tests = stepsStarting(steps, 'kubectl exec');
    succeeded(tests[0]);
    timedOut(tests[1]);
    succeeded(tests[2]);
  });
});

describe('module 13, Exercise 2: egress policy with DNS', () => {
  it('resolves, fails to resolve under deny-all-egress, resolves once DNS is allowed', async () => {
    const { steps } = await play(newConsole(), moduleScript('ex2'));
    const tests = stepsStarting(steps, 'kubectl exec');
    expect(tests).toHaveLength(3);
    for (const ok of [tests[0], tests[2]]) {
      expect(ok.lines.slice(0, 3)).toEqual(['Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '']);
      expect(ok.lines).toContain('Name:\tgoogle.com');
      expect(ok.exitCode).toBe(0);
    }
    // busybox 1.37's nslookup when no server answers (the module quotes older busybox's "can't resolve").
    expect(tests[1].lines).toEqual([';; connection timed out; no servers could be reached', '', 'command terminated with exit code 1']);
    expect(tests[1].exitCode).toBe(1);
  });
});

describe('module 13, Exercise 3: cross-namespace policy', () => {
  it('allows api.backend from frontend only once the namespace label is selected', async () => {
    const { steps } = await play(newConsole(), moduleScript('ex3'));
    expect(steps[2].lines).toEqual(['namespace/frontend labeled']);
    const tests = stepsStarting(steps, 'kubectl exec');
    succeeded(tests[0]);
    timedOut(tests[1]);
    succeeded(tests[2]);
    expect(steps[steps.length - 1].lines).toEqual(['namespace "frontend" deleted', 'namespace "backend" deleted']);
  });
});

describe('module 13, Exercise 4: AND vs OR', () => {
  it('lets the allowed pod in and keeps the denied one out', async () => {
    const { steps } = await play(newConsole(), moduleScript('ex4'));
    // kubectl create deployment already set app=allowed: labelling again changes nothing.
    expect(stepsStarting(steps, 'kubectl label deployment')[0].lines).toEqual(['deployment.apps/allowed not labeled']);
    const tests = stepsStarting(steps, 'kubectl exec');
    succeeded(tests[0]);
    timedOut(tests[1]);
  });
});

describe('module 13, Exercise 5: full microsegmentation', () => {
  it('frontend reaches backend, not database; backend reaches database', async () => {
    const { steps } = await play(newConsole(), moduleScript('ex5'));
    const applied = steps.filter((s) => s.command.startsWith('cat <<EOF')).flatMap((s) => s.lines);
    expect(applied).toEqual([
      'networkpolicy.networking.k8s.io/deny-all created',
      'networkpolicy.networking.k8s.io/allow-dns created',
      'networkpolicy.networking.k8s.io/frontend-to-backend created',
      'networkpolicy.networking.k8s.io/frontend-egress-backend created',
      'networkpolicy.networking.k8s.io/backend-to-database created',
      'networkpolicy.networking.k8s.io/backend-egress-database created',
    ]);
    const tests = stepsStarting(steps, 'kubectl exec');
    succeeded(tests[0]);
    timedOut(tests[1]);
    succeeded(tests[2]);
  });

  it('all five exercises in one session leave only the cluster furniture', async () => {
    const c = newConsole();
    for (const n of ['ex1', 'ex2', 'ex3', 'ex4', 'ex5']) await play(c, moduleScript(n));
    const ns = (await c.runLine('kubectl get ns')).lines.map((l) => l.split(/\s+/)[0]);
    expect(ns).toEqual(['NAME', 'default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect((await c.runLine('kubectl get netpol -A')).lines).toEqual(['No resources found']);
  });
});


