// The classic NetworkPolicy mistakes (module 13, section 7.3), spotted in an answer:
// a policy that selects nothing, a namespace label nobody set, AND/OR confusion, DNS
// blocked, a Service port where the pod port was needed, rules their policyTypes ignore.
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyRule } from '../policy.js';
import { emptySelector, policyId } from '../policy.js';
import { selectorText, isEmptySelector } from '../labels.js';
import type { Engine } from '../engine/engine.js';
import type { PreparedStep } from '../bank/prepare.js';
import type { Verdict } from '../engine/types.js';
import type { Evaluation } from './evaluate.js';
import type { GradingSpace } from './expected.js';
import { parseCidr, parseIp, cidrContains } from '../ip.js';
import { notEnforcedWords, portWords } from '../engine/reasons.js';
import { DNS_PROBE } from './evaluate.js';
import { closeIds } from '../bank/bank.js';

export type MistakeCode =
  | 'selects-no-pods'
  | 'peer-matches-no-pods'
  | 'namespace-label-unset'
  | 'and-instead-of-or'
  | 'or-instead-of-and'
  | 'dns-blocked'
  | 'service-port'
  | 'rules-ignored'
  | 'replaces-existing'
  | 'wrong-side'
  | 'ipblock-service-ip'
  | 'policytypes-without-egress'
  | 'ingress-inferred'
  | 'no-ports'
  | 'missing-default-deny'
  | 'coredns-isolated'
  | 'extra-port'
  | 'one-side-only'
  | 'empty-pod-selector'
  | 'empty-namespace-selector'
  | 'wrong-direction'
  | 'extra-policy-type'
  | 'port-name-unknown'
  | 'ports-crossed'
  | 'wrong-namespace'
  | 'wrong-protocol'
  | 'existing-unchanged'
  | 'unneeded-policy'
  | 'ipblock-pod-ip'
  | 'namespace-selector-missing'
  | 'rule-split';

export interface Mistake {
  code: MistakeCode;
  /** "ns/name" of the policy concerned, when there is one. */
  policy?: string;
  message: string;
}

function selText(s: { matchLabels: Record<string, string>; matchExpressions: unknown[] }): string {
  const t = selectorText(s as never);
  return t === '' ? '{}' : t;
}

/** The namespaces where a podSelector finds pods (other than `except`), as the engine selects them. */
function namespacesWithPods(engine: Engine, sel: LabelSelector, except?: string): string[] {
  return engine.cluster.namespaces.map((n) => n.name).filter((ns) => ns !== except && engine.podsSelected(sel, ns).length > 0);
}

/** Static mistakes: visible in the policies and the cluster alone (selection asked of the engine). */
export function staticMistakes(answer: readonly NetworkPolicy[], engine: Engine): Mistake[] {
  const out: Mistake[] = [];
  const cluster = engine.cluster;
  for (const p of answer) {
    const id = policyId(p);
    const here = engine.podsSelected(emptySelector(), p.namespace);
    if (!cluster.namespaces.some((n) => n.name === p.namespace)) {
      const near = closeIds(p.namespace, cluster.namespaces.map((n) => n.name), 2);
      out.push({
        code: 'selects-no-pods',
        policy: id,
        message: `${id} selects no pods: namespace ${p.namespace} does not exist in this exercise${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}, and kubectl apply would refuse it (namespaces "${p.namespace}" not found)`,
      });
    } else if (here.length === 0) {
      const hint = isEmptySelector(p.podSelector) ? '' : `; pods with ${selText(p.podSelector)} live in ${namespacesWithPods(engine, p.podSelector).join(', ') || 'no namespace'}`;
      // A policy written without metadata.namespace lands where kubectl apply runs: default.
      const defaulted = p.namespace === 'default' ? '; a policy without metadata.namespace (and without -n) goes to namespace default' : '';
      out.push({ code: 'selects-no-pods', policy: id, message: `${id} selects no pods: namespace ${p.namespace} has no pods in this exercise (a policy applies only to pods of its own namespace)${hint}${defaulted}` });
    } else if (engine.podsSelected(p.podSelector, p.namespace).length === 0) {
      const elsewhere = namespacesWithPods(engine, p.podSelector, p.namespace);
      const hint = elsewhere.length ? `; pods with ${selText(p.podSelector)} live in ${elsewhere.join(', ')}: a policy applies only to pods of its own namespace` : '; check the labels with kubectl get pods --show-labels';
      out.push({ code: 'selects-no-pods', policy: id, message: `${id} selects no pods: no pod in namespace ${p.namespace} matches podSelector ${selText(p.podSelector)}${hint}` });
    }
    const rulesOf = (dir: 'ingress' | 'egress'): PolicyRule[] => (dir === 'ingress' ? p.ingress : p.egress);
    for (const dir of ['ingress', 'egress'] as const) {
      const type = dir === 'ingress' ? 'Ingress' : 'Egress';
      if (rulesOf(dir).length > 0 && !p.policyTypes.includes(type)) {
        out.push({ code: 'rules-ignored', policy: id, message: `${id} has ${dir} rules but its policyTypes does not list ${type}: those rules are ignored (list both types in policyTypes)` });
      }
      rulesOf(dir).forEach((rule, ri) => {
        rule.peers.forEach((peer) => peerMistakes(out, p, dir, ri, peer, engine));
        for (const port of rule.ports) {
          if (typeof port.port !== 'number' || port.endPort !== undefined) continue;
          for (const svc of cluster.services) {
            const sp = svc.ports.find((x) => x.port === port.port && x.protocol === port.protocol && x.targetPort !== x.port);
            if (!sp) continue;
            const backing = engine.serviceBackends(svc).map((i) => cluster.pods[i]);
            if (backing.some((pod) => pod.ports.some((c) => c.port === port.port && c.protocol === port.protocol))) continue;
            out.push({
              code: 'service-port',
              policy: id,
              message: `${id} ${dir}[${ri}] uses port ${port.port}, the port of Service ${svc.namespace}/${svc.name}; NetworkPolicy sees the pod's port, here ${sp.targetPort} (the Service's targetPort)`,
            });
            break;
          }
        }
      });
    }
  }
  return out;
}

function peerMistakes(out: Mistake[], p: NetworkPolicy, dir: string, ri: number, peer: PolicyPeer, engine: Engine): void {
  const id = policyId(p);
  const where = `${id} ${dir}[${ri}]`;
  const cluster = engine.cluster;
  if (peer.namespaceSelector && !isEmptySelector(peer.namespaceSelector)) {
    if (engine.namespacesMatching(peer.namespaceSelector).length === 0) {
      const keys = Object.keys(peer.namespaceSelector.matchLabels);
      const inUse = cluster.namespaces
        .flatMap((n) => Object.entries(n.labels).filter(([k]) => keys.includes(k) || k !== 'kubernetes.io/metadata.name').map(([k, v]) => `${n.name} has ${k}=${v}`))
        .slice(0, 4);
      // `name: kube-system` means the namespace by its name: the label every namespace has for
      // that is kubernetes.io/metadata.name (set by the API server since 1.21).
      const named = Object.entries(peer.namespaceSelector.matchLabels)
        .filter(([k, v]) => k !== 'kubernetes.io/metadata.name' && cluster.namespaces.some((n) => n.name === v && n.labels[k] !== v))
        .map(([k, v]) => `namespace ${v} has no label ${k}=${v}; its name is in kubernetes.io/metadata.name=${v}, the label every namespace carries`);
      out.push({
        code: 'namespace-label-unset',
        policy: id,
        message: `${where}: namespaceSelector ${selText(peer.namespaceSelector)} matches no namespace, because no namespace carries that label (${named.length ? `${named.join('; ')}; ` : ''}kubectl get ns --show-labels${inUse.length ? `: ${inUse.join(', ')}` : ''}; set one with kubectl label namespace)`,
      });
      return;
    }
  }
  if (peer.podSelector && !peer.namespaceSelector && !isEmptySelector(peer.podSelector)) {
    if (engine.peerMembers(peer, p.namespace).length === 0) {
      const elsewhere = namespacesWithPods(engine, peer.podSelector);
      const hint = elsewhere.length
        ? `; those pods live in ${elsewhere.join(', ')}: a podSelector alone only looks in the policy's own namespace, add a namespaceSelector in the same entry`
        : '';
      out.push({ code: 'peer-matches-no-pods', policy: id, message: `${where}: podSelector ${selText(peer.podSelector)} matches no pod in namespace ${p.namespace}${hint}` });
    }
  }
}

/** Policies with one rule's peers rewritten. */
function withRule(policies: readonly NetworkPolicy[], pi: number, dir: 'ingress' | 'egress', ri: number, peers: PolicyPeer[]): NetworkPolicy[] {
  return policies.map((p, i) => {
    if (i !== pi) return p;
    const rules = (dir === 'ingress' ? p.ingress : p.egress).map((r, j) => (j === ri ? { ...r, peers } : r));
    return dir === 'ingress' ? { ...p, ingress: rules } : { ...p, egress: rules };
  });
}

/**
 * AND/OR confusion: re-grade with a peer split in two (AND -> OR) or two peers merged into
 * one (OR -> AND); if that rewrite mends something and breaks nothing, that was the mistake.
 * (Merely fewer wrong cells is not enough: a wrong label value can look like AND/OR.)
 * `all` holds existing + answer policies; `answerFrom` is the index of the first answer policy.
 */
export function andOrMistakes(
  all: readonly NetworkPolicy[],
  answerFrom: number,
  engine: Engine,
  fixes: (policies: NetworkPolicy[]) => boolean,
  wrongAfter?: (policies: NetworkPolicy[]) => number,
): Mistake[] {
  const out: Mistake[] = [];
  for (let pi = answerFrom; pi < all.length; pi++) {
    const p = all[pi];
    for (const dir of ['ingress', 'egress'] as const) {
      const list = dir === 'ingress' ? 'from' : 'to';
      (dir === 'ingress' ? p.ingress : p.egress).forEach((rule, ri) => {
        const where = `${policyId(p)} ${dir}[${ri}]`;
        rule.peers.forEach((peer, k) => {
          if (!peer.podSelector || !peer.namespaceSelector) return;
          // A selector that matches nothing is its own mistake (reported above), not AND/OR.
          if (engine.namespacesMatching(peer.namespaceSelector).length === 0) return;
          const split = [...rule.peers.slice(0, k), { podSelector: peer.podSelector }, { namespaceSelector: peer.namespaceSelector }, ...rule.peers.slice(k + 1)];
          if (fixes(withRule(all, pi, dir, ri, split))) {
            // The split mends it only because its podSelector half is dead: the podSelector is the
            // mistake (it names pods that do not run in those namespaces), not the one dash.
            const nsOnly = [...rule.peers.slice(0, k), { namespaceSelector: peer.namespaceSelector }, ...rule.peers.slice(k + 1)];
            const nsOnlyRules = withRule(all, pi, dir, ri, nsOnly);
            if (
              wrongAfter &&
              engine.peerMembers(peer, p.namespace).length === 0 &&
              !isEmptySelector(peer.podSelector) &&
              fixes(nsOnlyRules) &&
              wrongAfter(nsOnlyRules) <= wrongAfter(withRule(all, pi, dir, ri, split))
            ) {
              const there = engine.namespacesMatching(peer.namespaceSelector);
              const elsewhere = namespacesWithPods(engine, peer.podSelector).filter((ns) => !there.includes(ns));
              out.push({
                code: 'peer-matches-no-pods',
                policy: policyId(p),
                message: `${where}: podSelector ${selText(peer.podSelector)} with namespaceSelector ${selText(peer.namespaceSelector)} in one entry (AND) matches no pod: no pod of ${there.join(', ')} carries ${selText(peer.podSelector)}${elsewhere.length ? ` (such pods run in ${elsewhere.join(', ')})` : ''}; the task admits every pod of those namespaces: leave the podSelector out`,
              });
              return;
            }
            out.push({
              code: 'and-instead-of-or',
              policy: policyId(p),
              message: `AND/OR confusion in ${where}: one ${list} entry holding both podSelector and namespaceSelector means AND (both must match); the task needs them as two separate entries (two dashes), which means OR`,
            });
          }
        });
        const pods = rule.peers.findIndex((x) => x.podSelector && !x.namespaceSelector);
        const nss = rule.peers.findIndex((x) => x.namespaceSelector && !x.podSelector);
        if (pods >= 0 && nss >= 0) {
          const merged = { podSelector: rule.peers[pods].podSelector, namespaceSelector: rule.peers[nss].namespaceSelector };
          const rest = rule.peers.filter((_, j) => j !== pods && j !== nss);
          if (fixes(withRule(all, pi, dir, ri, [...rest, merged]))) {
            out.push({
              code: 'or-instead-of-and',
              policy: policyId(p),
              message: `AND/OR confusion in ${where}: podSelector and namespaceSelector as separate ${list} entries (two dashes) mean OR, letting in more than asked; put them in one entry (one dash) to mean AND`,
            });
          }
        }
      });
    }
  }
  return out;
}

/**
 * `podSelector: {}` alone as a peer (module 13, 7.3): every pod of the policy's own namespace,
 * nothing more and nothing less. Too narrow when the task meant every pod of the cluster (the
 * rewrite with `namespaceSelector: {}` beside it mends it); too wide when it lets in pods of the
 * namespace the task keeps out (the rule's only peer admits wrong connections from there).
 */
function emptyPodSelectorMistakes(ctx: MistakeContext, fixes: (policies: NetworkPolicy[]) => boolean): Mistake[] {
  const out: Mistake[] = [];
  const all = ctx.ev.policies as NetworkPolicy[];
  const engine = ctx.ev.engine;
  all.forEach((p, pi) => {
    if (!ctx.answer.includes(p)) return;
    for (const dir of ['ingress', 'egress'] as const) {
      const list = dir === 'ingress' ? 'from' : 'to';
      (dir === 'ingress' ? p.ingress : p.egress).forEach((rule, ri) => {
        const where = `${policyId(p)} ${dir}[${ri}]`;
        rule.peers.forEach((peer, k) => {
          if (peer.namespaceSelector && isEmptySelector(peer.namespaceSelector)) {
            everyNamespace(ctx, out, p, dir, ri, peer);
            return;
          }
          if (!peer.podSelector || peer.namespaceSelector || peer.ipBlock || !isEmptySelector(peer.podSelector)) return;
          const wide = [...rule.peers.slice(0, k), { podSelector: emptySelector(), namespaceSelector: emptySelector() }, ...rule.peers.slice(k + 1)];
          if (fixes(withRule(all, pi, dir, ri, wide))) {
            out.push({
              code: 'empty-pod-selector',
              policy: policyId(p),
              message: `${where}: podSelector: {} alone in ${list} means every pod of namespace ${p.namespace} only, not every pod of the cluster; put namespaceSelector: {} in the same entry for all namespaces`,
            });
            return;
          }
          // Wrong connections this rule lets in from (or out to) the policy's own namespace, through
          // this peer (no other peer of the rule matches them).
          const ruleName = `${policyId(p)} ${dir}[${ri}]`;
          const others = new Set(rule.peers.filter((_, j) => j !== k).flatMap((x) => engine.peerMembers(x, p.namespace)));
          const wrong = ctx.mismatches.filter((m) => {
            if (m.expected !== 'denied' || m.got !== 'allowed') return false;
            const otherIndex = engine.indexOf(dir === 'ingress' ? m.from : m.to);
            const other = engine.endpoints[otherIndex];
            if (other?.kind !== 'pod' || other.namespace !== p.namespace || others.has(otherIndex)) return false;
            const v = engine.verdict(m.from, m.to, { port: m.port, protocol: m.protocol as never });
            return (dir === 'ingress' ? v.ingress : v.egress).allowedBy.some((r) => `${r.policy} ${r.direction}[${r.ruleIndex}]` === ruleName);
          });
          if (wrong.length === 0) return;
          const e = wrong[0];
          out.push({
            code: 'empty-pod-selector',
            policy: policyId(p),
            message: `${where}: podSelector: {} ${dir === 'ingress' ? 'admits' : 'lets it reach'} every pod of namespace ${p.namespace}, and the task keeps some of them out (${plural(wrong.length, 'wrong connection')}, e.g. ${e.from} -> ${e.to}); name only the pods it lets in, by their labels, or leave the peer out`,
          });
        });
      });
    }
  });
  return out;
}

/**
 * `namespaceSelector: {}` is every namespace (module 13, 7.4), with or without a podSelector
 * beside it: too wide where the rule lets in pods the task keeps out.
 */
function everyNamespace(ctx: MistakeContext, out: Mistake[], p: NetworkPolicy, dir: 'ingress' | 'egress', ri: number, peer: PolicyPeer): void {
  const engine = ctx.ev.engine;
  const ruleName = `${policyId(p)} ${dir}[${ri}]`;
  const members = new Set(engine.peerMembers(peer, p.namespace));
  const wrong = ctx.mismatches.filter((m) => {
    if (m.expected !== 'denied' || m.got !== 'allowed') return false;
    if (!members.has(engine.indexOf(dir === 'ingress' ? m.from : m.to))) return false;
    const v = engine.verdict(m.from, m.to, { port: m.port, protocol: m.protocol as never });
    const side = dir === 'ingress' ? v.ingress : v.egress;
    // Only where this rule is what lets it through.
    return side.allowedBy.length > 0 && side.allowedBy.every((r) => `${r.policy} ${r.direction}[${r.ruleIndex}]` === ruleName);
  });
  if (wrong.length === 0) return;
  // Too wide only if some namespace should not be in it: leaving it out mends and breaks nothing
  // (a task that does mean every namespace, with a port missing, is the ports' mistake).
  const all = ctx.ev.policies as NetworkPolicy[];
  const pi = all.indexOf(p);
  const rule = (dir === 'ingress' ? p.ingress : p.egress)[ri];
  const candidates = [...new Set(wrong.map((m) => engine.endpoints[engine.indexOf(dir === 'ingress' ? m.from : m.to)].namespace!))];
  const extra = candidates.filter((ns) => {
    const narrowed: PolicyPeer = { ...peer, namespaceSelector: { matchLabels: {}, matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [ns] }] } };
    const d = ctx.rewriteDelta(withRule(all, pi, dir, ri, rule.peers.map((x) => (x === peer ? narrowed : x))));
    return d !== undefined && d.mended > 0 && d.broken.length === 0;
  });
  if (extra.length === 0) return;
  const shown = wrong.filter((m) => extra.includes(engine.endpoints[engine.indexOf(dir === 'ingress' ? m.from : m.to)].namespace!));
  const e = shown[0];
  out.push({
    code: 'empty-namespace-selector',
    policy: policyId(p),
    message: `${ruleName}: namespaceSelector: {} matches every namespace, so it ${dir === 'ingress' ? 'admits' : 'lets it reach'} pods of ${extra.join(', ')} too (${plural(shown.length, 'wrong connection')}, e.g. ${e.from} -> ${e.to}); select the namespace by its labels (kubectl get ns --show-labels)`,
  });
}

/** What decides a verdict, in words that do not name the pair: mismatches with one cause group together. */
export function causeOf(engine: Engine, v: Verdict): string {
  const isExternal = (id: string) => engine.endpoints[engine.indexOf(id)]?.kind === 'external';
  const rules = (d: Verdict['ingress']) => d.allowedBy.map((r) => `${r.policy} ${r.direction}[${r.ruleIndex}]`).join(' and ');
  const unenforced = notEnforcedWords(engine);
  if (unenforced && !v.loopback) return unenforced;
  if (v.allowed) {
    const parts: string[] = [];
    if (!isExternal(v.to)) parts.push(v.ingress.isolated ? `admitted by ${rules(v.ingress)}` : 'the destination is not isolated for ingress (no policy selects it), so it accepts every connection');
    if (!isExternal(v.from) && v.egress.isolated) parts.push(`its egress is admitted by ${rules(v.egress)}`);
    return parts.join('; ') || 'nothing isolates either side';
  }
  const parts: string[] = [];
  if (!v.egress.allowed) parts.push(`the source is isolated for egress by ${v.egress.isolatedBy.join(', ')} and no egress rule admits it`);
  if (!v.ingress.allowed) parts.push(`the destination is isolated for ingress by ${v.ingress.isolatedBy.join(', ')} and no ingress rule admits it`);
  return parts.join('; and ');
}

export interface MistakeContext {
  prep: PreparedStep;
  space: GradingSpace;
  ev: Evaluation;
  /** The answer's own policies (as they stand in ev.policies). */
  answer: readonly NetworkPolicy[];
  mismatches: readonly { from: string; to: string; port: number; protocol: string; expected: string; got: string }[];
  checks: readonly { from: string; passed: boolean; expected: string }[];
  passed: boolean;
  /** Re-grades other policies on the same grid (rewrites of the answer). */
  regrade: (policies: NetworkPolicy[]) => Evaluation;
  fixes: (now: Evaluation, rewritten: Evaluation) => boolean;
  /** What a rewrite mends and breaks (unit indices: cells of the grid, then checks). */
  rewriteDelta: (policies: NetworkPolicy[]) => { mended: number; broken: number[] } | undefined;
  /** Whether a unit is DNS: a cell to a CoreDNS pod on port 53, or a check that needs name resolution. */
  isDnsUnit: (unit: number) => boolean;
  /** Existing policies ("ns/name") the answer overwrites by mistake (a write task's): said on their own. */
  overwritten?: readonly string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every mistake the answer shows, each named by its cause. */
export function detectMistakes(given: MistakeContext): Mistake[] {
  // Detectors ask the answer's engine about each wrong connection; outside addresses the ipBlocks
  // cut are known only to the address comparison, so they are left to the ipBlock wording.
  const known = given.mismatches.filter((m) => given.ev.engine.indexOf(m.from) >= 0 && given.ev.engine.indexOf(m.to) >= 0);
  const ctx: MistakeContext = { ...given, mismatches: known };
  const { ev, prep } = ctx;
  const out: Mistake[] = staticMistakes(ctx.answer, ev.engine);
  out.push(...ipBlockServiceMistakes(ctx));
  out.push(...ipBlockPodMistakes(ctx));
  if (ctx.passed) return out;
  // A fix task's policy left as it is can still hold the cause: a namespace label nobody set
  // (say, after a relabel with a typo).
  if (prep.scenario.kind === 'fix') {
    const answerIds = new Set(ctx.answer.map(policyId));
    const kept = (ev.policies as NetworkPolicy[]).filter((p) => !answerIds.has(policyId(p)) && prep.existing.some((e) => policyId(e) === policyId(p)));
    out.push(...staticMistakes(kept, ev.engine).filter((m) => m.code === 'namespace-label-unset'));
  }
  const all = ev.policies as NetworkPolicy[];
  const answerFrom = all.findIndex((p) => ctx.answer.includes(p));
  const fixes = (ps: NetworkPolicy[]) => ctx.fixes(ev, ctx.regrade(ps));
  if (answerFrom >= 0) out.push(...andOrMistakes(all, answerFrom, ev.engine, fixes, (ps) => ctx.regrade(ps).wrongCount));
  out.push(...wrongSideMistakes(ctx, fixes));
  out.push(...wrongNamespaceMistakes(ctx, fixes, out));
  out.push(...wrongDirectionMistakes(ctx, fixes, out));
  out.push(...emptyPodSelectorMistakes(ctx, fixes));
  out.push(...policyTypesMistakes(ctx, fixes));
  out.push(...extraPolicyTypeMistakes(ctx, fixes));
  // A deny whose policyTypes leaves out Egress, or whose rules the policyTypes ignore, already says
  // why its pods are open (a default deny would be the wrong advice there). A missing default deny
  // that is true and whose advice holds (a deny turned round, misplaced or overwritten) is still said.
  // DNS advice ("allow egress on 53") would mislead where a deny was turned round or misplaced:
  // those pods' DNS is a side effect of that.
  const turned = ctx.answer.filter((p) =>
    out.some((m) => m.policy === policyId(p) && (m.code === 'wrong-namespace' || (m.code === 'wrong-direction' && p.ingress.length === 0 && p.egress.length === 0))),
  );
  const ignoredNs = out.filter((m) => m.code === 'rules-ignored' && m.policy).map((m) => m.policy!.split('/')[0]);
  const denies = missingDefaultDeny(ctx, out.some((m) => m.code === 'policytypes-without-egress'), new Set(ignoredNs));
  const split = rulesSplit(ctx, fixes);
  out.push(...split);
  // (The first rule's "has no ports" stays true beside it, and is said too.)
  out.push(...portsLeftOut(ctx, denies.open));
  const crossed = portsCrossed(ctx);
  out.push(...crossed);
  out.push(...extraPorts(ctx, denies.open, new Set(crossed.map((m) => m.rule!))));
  out.push(...portNameMistakes(ctx));
  out.push(...wrongProtocolMistakes(ctx, fixes));
  out.push(...namespaceSelectorMissing(ctx, fixes, out));
  out.push(...brokenPolicyKept(ctx));
  out.push(...unneededPolicies(ctx));
  out.push(...oneSideOnly(ctx));
  out.push(...denies.mistakes);
  out.push(...dnsMistakes(ctx, out, turned));
  void prep;
  return dedupe(out);
}

function dedupe(ms: Mistake[]): Mistake[] {
  const seen = new Set<string>();
  return ms.filter((m) => {
    const k = `${m.code}|${m.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function replacePolicy(all: readonly NetworkPolicy[], target: NetworkPolicy, by: NetworkPolicy[]): NetworkPolicy[] {
  return all.flatMap((p) => (p === target ? by : [p]));
}

/**
 * A rule on the wrong side: an egress policy on the client where the server needs ingress,
 * or an ingress policy on the client that admits the server. Confirmed by rewriting it to
 * the other side: it must mend something and break nothing.
 */
function wrongSideMistakes(ctx: MistakeContext, fixes: (ps: NetworkPolicy[]) => boolean): Mistake[] {
  const out: Mistake[] = [];
  const all = ctx.ev.policies;
  for (const p of ctx.answer) {
    const id = policyId(p);
    // The flip must do better than taking the policy out: a flip that merely stops what the policy
    // wrongly admits (taking it out would do as much) says nothing about its side.
    // (Connections and checks only: a flipped copy keeps the policy's name, a deleted one does not.)
    const traffic = (e: Evaluation) => Array.from(e.wrong).reduce((a: number, w) => a + (w === 1 ? 1 : 0), 0) + e.checkWrong.filter(Boolean).length;
    let deleted: number | undefined;
    const beatsDeleting = (flipped: NetworkPolicy[]) => {
      deleted ??= traffic(ctx.regrade(all.filter((x) => x !== p)));
      return traffic(ctx.regrade(replacePolicy(all, p, flipped))) < deleted;
    };
    const simplePeers = (r: PolicyRule) => r.peers.length > 0 && r.peers.every((x) => x.podSelector && !x.namespaceSelector && !x.ipBlock);
    if (p.policyTypes.includes('Egress') && p.egress.length > 0 && p.egress.every(simplePeers) && !p.policyTypes.includes('Ingress')) {
      const flipped: NetworkPolicy[] = p.egress.flatMap((r, ri) =>
        r.peers.map((peer, k) => ({
          ...p,
          name: `${p.name}-${ri}-${k}`,
          podSelector: peer.podSelector!,
          policyTypes: ['Ingress'],
          policyTypesDefaulted: false,
          ingress: [{ peers: [{ podSelector: p.podSelector }], ports: r.ports }],
          egress: [],
        })),
      );
      if (fixes(replacePolicy(all, p, flipped)) && beatsDeleting(flipped)) {
        out.push({
          code: 'wrong-side',
          policy: id,
          message: `rule on the wrong side: ${id} restricts egress of the pods it selects (${selText(p.podSelector)}), but the destination still decides who gets in; select the destination pods in an Ingress policy and admit ${selText(p.podSelector)} in its from list`,
        });
        continue;
      }
    }
    if (p.policyTypes.includes('Ingress') && p.ingress.length > 0 && p.ingress.every(simplePeers) && !isEmptySelector(p.podSelector)) {
      const flipped: NetworkPolicy[] = p.ingress.flatMap((r, ri) =>
        r.peers.map((peer, k) => ({
          ...p,
          name: ri === 0 && k === 0 ? p.name : `${p.name}-${ri}-${k}`,
          podSelector: peer.podSelector!,
          policyTypes: ['Ingress'],
          policyTypesDefaulted: false,
          ingress: [{ peers: [{ podSelector: p.podSelector }], ports: r.ports }],
          egress: [],
        })),
      );
      if (fixes(replacePolicy(all, p, flipped)) && beatsDeleting(flipped)) {
        out.push({
          code: 'wrong-side',
          policy: id,
          message: `rule the wrong way round: ${id} selects ${selText(p.podSelector)} and admits ${p.ingress.map((r) => r.peers.map((x) => selText(x.podSelector!)).join(', ')).join(', ')}; the task needs it the other way: spec.podSelector picks the pods that receive, from lists the pods that connect`,
        });
      }
    }
  }
  return out;
}

/** ipBlock aimed at a Service's ClusterIP: policies see the backend pod IPs after the Service's DNAT. */
function ipBlockServiceMistakes(ctx: MistakeContext): Mistake[] {
  const out: Mistake[] = [];
  const { cluster } = ctx.ev;
  for (const p of ctx.answer) {
    for (const dir of ['ingress', 'egress'] as const) {
      (dir === 'ingress' ? p.ingress : p.egress).forEach((rule, ri) => {
        for (const peer of rule.peers) {
          const cidr = peer.ipBlock && parseCidr(peer.ipBlock.cidr);
          if (!cidr) continue;
          for (const svc of cluster.services) {
            const ip = svc.clusterIP && parseIp(svc.clusterIP);
            if (!ip || ip.family !== cidr.family || !cidrContains(cidr, ip)) continue;
            const backends = ctx.ev.engine.serviceBackends(svc).map((i) => cluster.pods[i]);
            const covered = backends.some((pod) => pod.ips.some((t) => {
              const a = parseIp(t);
              return a !== null && a.family === cidr.family && cidrContains(cidr, a);
            }));
            if (covered || backends.length === 0) continue;
            out.push({
              code: 'ipblock-service-ip',
              policy: policyId(p),
              message: `${policyId(p)} ${dir}[${ri}] ipBlock ${peer.ipBlock!.cidr} covers the ClusterIP of Service ${svc.namespace}/${svc.name} (${svc.clusterIP}), but policies see the traffic after the Service's DNAT, with the backend pods' IPs (${backends.map((b) => b.ips[0]).join(', ')}); select those pods with podSelector and namespaceSelector instead`,
            });
          }
        }
      });
    }
  }
  return out;
}

/** policyTypes without Egress where an egress deny was meant, and Ingress inferred beside egress rules. */
function policyTypesMistakes(ctx: MistakeContext, fixes: (ps: NetworkPolicy[]) => boolean): Mistake[] {
  const out: Mistake[] = [];
  const all = ctx.ev.policies;
  for (const p of ctx.answer) {
    const id = policyId(p);
    if (p.policyTypes.includes('Ingress') && !p.policyTypes.includes('Egress') && p.egress.length === 0) {
      // Listing Egress must mend what its pods send and break nothing but their DNS (which a deny
      // in both directions takes away too, and the task then asks to open again).
      const withEgress = { ...p, policyTypes: ['Ingress', 'Egress'] as NetworkPolicy['policyTypes'] };
      const d = ctx.rewriteDelta(replacePolicy(all, p, [withEgress]));
      if (d && d.mended > 0 && d.broken.every((i) => ctx.isDnsUnit(i))) {
        const why = p.policyTypesDefaulted
          ? `${id} has no policyTypes and no egress rules, so the API server sets policyTypes to [Ingress]`
          : `${id} lists only Ingress in policyTypes`;
        out.push({ code: 'policytypes-without-egress', policy: id, message: `${why}, so it leaves egress alone: the pods it selects may still send anywhere; add Egress to policyTypes to deny their outgoing traffic` });
      }
    }
    if (p.policyTypesDefaulted && p.egress.length > 0 && p.ingress.length === 0) {
      const egressOnly = { ...p, policyTypes: ['Egress'] as NetworkPolicy['policyTypes'], policyTypesDefaulted: false };
      if (fixes(replacePolicy(all, p, [egressOnly]))) {
        out.push({ code: 'ingress-inferred', policy: id, message: `${id} has egress rules but no policyTypes, so the API server sets policyTypes to [Ingress, Egress]: its pods are now isolated for ingress as well and accept nothing; write policyTypes: [Egress]` });
      }
    }
  }
  return out;
}

/** Rules without ports that let through what should be denied: every port and protocol is open. */
function portsLeftOut(ctx: MistakeContext, open: OpenSides, split: ReadonlySet<string> = new Set()): Mistake[] {
  const out: Mistake[] = [];
  const ev = ctx.ev;
  const answerIds = new Set(ctx.answer.map(policyId));
  const hits = new Map<string, { n: number; example: string }>();
  for (const m of ctx.mismatches) {
    if (m.expected !== 'denied' || m.got !== 'allowed') continue;
    const v = ev.engine.verdict(m.from, m.to, { port: m.port, protocol: m.protocol as 'TCP' });
    for (const side of [v.ingress, v.egress]) {
      for (const r of side.allowedBy) {
        if (r.portIndex !== null || !answerIds.has(r.policy) || otherSideOpen(ctx, open, m, r.direction, v)) continue;
        const key = `${r.policy} ${r.direction}[${r.ruleIndex}]`;
        if (split.has(key)) continue; // said as from and ports split into two rules
        const h = hits.get(key) ?? { n: 0, example: `${m.from} -> ${m.to} on ${m.port}/${m.protocol}` };
        h.n++;
        hits.set(key, h);
      }
    }
  }
  for (const [rule, h] of hits) {
    const [pid, at] = rule.split(' ');
    const policy = ev.engine.policy(pid);
    const m = /^(ingress|egress)\[(\d+)\]$/.exec(at);
    const r = policy && m ? (m[1] === 'ingress' ? policy.ingress : policy.egress)[Number(m[2])] : undefined;
    if (r && r.peers.length === 0) {
      // `- {}`: no peers and no ports is "allow all" (module 13, 4.5), more than a rule short of its ports.
      const what = m![1] === 'ingress' ? 'admits every connection from everywhere' : 'lets its pods send anywhere';
      out.push({
        code: 'no-ports',
        policy: pid,
        message: `${rule} has no ports, so it admits its peers on every port and protocol, and no ${m![1] === 'ingress' ? 'from' : 'to'} either: it is an empty rule ({}), which ${what} (module 13, 4.5: allow all; ${plural(h.n, 'wrong connection')}, e.g. ${h.example}); give it a ${m![1] === 'ingress' ? 'from' : 'to'} and ports, or leave it out where the policy is meant to deny`,
      });
      continue;
    }
    out.push({ code: 'no-ports', policy: pid, message: `${rule} has no ports, so it admits its peers on every port and protocol (${plural(h.n, 'wrong connection')}, e.g. ${h.example}); list the ports the task names` });
  }
  return out;
}

/**
 * Pods that still accept (or send) everything because no policy isolates them. Which side lacks the
 * default deny is decided by trying it: a deny in that namespace must mend more than it breaks, and
 * the side that mends most is named (an egress task is not told to deny ingress).
 */
/** Namespaces whose missing default deny (per side) is the cause of wrong connections. */
interface OpenSides {
  ingress: ReadonlySet<string>;
  egress: ReadonlySet<string>;
}

/**
 * Whether a rule's allowance is beside the point: the other side of the connection is a pod left
 * open by a missing default deny, which is the cause (the rule's port is needed elsewhere).
 */
function otherSideOpen(ctx: MistakeContext, open: OpenSides, m: { from: string; to: string }, direction: 'ingress' | 'egress', v: Verdict): boolean {
  const engine = ctx.ev.engine;
  const other = engine.endpoints[engine.indexOf(direction === 'egress' ? m.to : m.from)];
  if (other?.kind !== 'pod' || !other.namespace) return false;
  return direction === 'egress' ? !v.ingress.isolated && open.ingress.has(other.namespace) : !v.egress.isolated && open.egress.has(other.namespace);
}

function missingDefaultDeny(ctx: MistakeContext, egressExplained: boolean, explained: ReadonlySet<string> = new Set()): { mistakes: Mistake[]; open: OpenSides } {
  const ev = ctx.ev;
  const open = { ingress: new Map<string, Set<string>>(), egress: new Map<string, Set<string>>() };
  const note = (side: 'ingress' | 'egress', ns: string, id: string) => {
    const set = open[side].get(ns) ?? new Set<string>();
    set.add(id);
    open[side].set(ns, set);
  };
  for (const m of ctx.mismatches) {
    if (m.expected !== 'denied' || m.got !== 'allowed') continue;
    const toIdx = ev.engine.indexOf(m.to);
    const fromIdx = ev.engine.indexOf(m.from);
    const to = ev.engine.endpoints[toIdx];
    const from = ev.engine.endpoints[fromIdx];
    // kube-system is never the place for a default deny: CoreDNS lives there.
    const toOpen = to?.kind === 'pod' && to.namespace !== 'kube-system' && ev.engine.isolation(toIdx).ingress.length === 0;
    const fromOpen = from?.kind === 'pod' && from.namespace !== 'kube-system' && ev.engine.isolation(fromIdx).egress.length === 0;
    if (toOpen && (fromOpen || from?.kind !== 'pod')) note('ingress', to.namespace!, m.to);
    if (fromOpen && (toOpen || to?.kind !== 'pod')) note('egress', from.namespace!, m.from);
  }
  // A namespace whose openness another mistake explains still competes for "best" (so that a
  // lesser side elsewhere is not named instead), but is not said again.
  const tried: { side: 'ingress' | 'egress'; ns: string; pods: Set<string>; net: number }[] = [];
  for (const side of egressExplained ? (['ingress'] as const) : (['ingress', 'egress'] as const)) {
    for (const [ns, pods] of open[side]) {
      const deny: NetworkPolicy = {
        namespace: ns,
        name: `default-deny-${side}`,
        podSelector: emptySelector(),
        policyTypes: [side === 'ingress' ? 'Ingress' : 'Egress'],
        policyTypesDefaulted: false,
        ingress: [],
        egress: [],
      };
      const d = ctx.rewriteDelta([...ctx.ev.policies, deny]);
      if (d && d.mended > d.broken.length) tried.push({ side, ns, pods, net: d.mended - d.broken.length });
    }
  }
  const best = Math.max(0, ...tried.map((t) => t.net));
  const kept = tried.filter((t) => t.net * 2 >= best);
  const mistakes = kept
    .filter((t) => !explained.has(t.ns))
    .map(({ side, ns, pods }) =>
      side === 'ingress'
        ? { code: 'missing-default-deny' as const, message: `${[...pods].join(', ')} still ${pods.size === 1 ? 'accepts' : 'accept'} connections from everyone: no policy selects ${pods.size === 1 ? 'it' : 'them'} for ingress. A default deny in ${ns} (podSelector: {}, policyTypes: [Ingress], no rules) isolates every pod there` }
        : { code: 'missing-default-deny' as const, message: `${[...pods].join(', ')} may still send anywhere: no policy selects ${pods.size === 1 ? 'it' : 'them'} for egress. A default deny in ${ns} (podSelector: {}, policyTypes: [Egress], no rules) isolates their outgoing traffic` },
    );
  return {
    mistakes,
    open: { ingress: new Set(kept.filter((t) => t.side === 'ingress').map((t) => t.ns)), egress: new Set(kept.filter((t) => t.side === 'egress').map((t) => t.ns)) },
  };
}

/**
 * DNS advice only where DNS is the cause: a pod that must resolve names but cannot reach
 * CoreDNS on 53/UDP. Said by where it breaks: the pod's egress (no rule on 53, or a rule on
 * 53 whose peer misses the CoreDNS pods), or CoreDNS's own ingress in kube-system.
 */
function dnsMistakes(ctx: MistakeContext, found: readonly Mistake[], turned: readonly NetworkPolicy[] = []): Mistake[] {
  const { prep, ev } = ctx;
  const needs = new Set<number>();
  prep.checks.forEach((c, i) => {
    if (c.dns && c.spec.expect === 'success' && ev.checkWrong[i]) needs.add(c.from);
  });
  for (const m of ctx.mismatches) {
    const to = ev.engine.indexOf(m.to);
    if (m.expected === 'allowed' && prep.dnsPods.includes(to) && m.port === 53) needs.add(ev.engine.indexOf(m.from));
  }
  if (needs.size === 0 || prep.dnsPods.length === 0) return [];
  const wrongSide = new Set(found.filter((m) => m.code === 'wrong-side').map((m) => m.policy));
  const out: Mistake[] = [];
  const egressBlocked: string[] = [];
  const peerMisses: string[] = [];
  let corednsBy = '';
  for (const i of needs) {
    const fromId = ev.engine.endpoints[i].id;
    const verdicts = prep.dnsPods.map((d) => ev.engine.verdict(fromId, ev.engine.endpoints[d].id, DNS_PROBE));
    if (verdicts.some((v) => v.allowed)) continue;
    const v = verdicts[0];
    if (!v.ingress.allowed && v.egress.allowed) {
      corednsBy = v.ingress.isolatedBy.join(', ');
      continue;
    }
    if (v.egress.isolatedBy.some((p) => wrongSide.has(p))) continue; // a symptom of the rule on the wrong side
    // A symptom of a policy written for the other direction (its DNS rule, or its deny, turned round).
    if (turned.some((p) => ctx.ev.engine.podsSelected(p.podSelector, p.namespace).includes(i))) continue;
    const portOk = v.egress.considered.some((r) => r.portIndex !== -1);
    (portOk ? peerMisses : egressBlocked).push(fromId);
  }
  // The task needs DNS over TCP too (large answers), and only UDP is open.
  const tcpBlocked = new Set<string>();
  for (const m of ctx.mismatches) {
    const to = ev.engine.indexOf(m.to);
    if (m.expected !== 'allowed' || m.protocol !== 'TCP' || m.port !== 53 || !prep.dnsPods.includes(to)) continue;
    if (ev.engine.verdict(m.from, m.to, DNS_PROBE).allowed) tcpBlocked.add(m.from);
  }
  if (tcpBlocked.size) {
    out.push({
      code: 'dns-blocked',
      message: `DNS over TCP is blocked for ${[...tcpBlocked].join(', ')}: 53/UDP reaches CoreDNS, 53/TCP does not, and the task asks for both (answers too large for UDP fall back to TCP); add a port entry {port: 53, protocol: TCP}`,
    });
  }
  if (corednsBy) {
    out.push({ code: 'coredns-isolated', message: `CoreDNS is isolated in kube-system by ${corednsBy}: it no longer accepts DNS queries on 53/UDP from the pods, so no name resolves; admit port 53 (UDP and TCP) from every namespace in that policy, or leave kube-system alone` });
  }
  // port: 53 without a protocol is TCP: the learner did write a DNS rule, for the wrong protocol.
  const tcpOnly = ctx.answer.some((p) => p.egress.some((r) => r.ports.some((x) => x.port === 53 && x.protocolDefaulted)) && !p.egress.some((r) => r.ports.some((x) => x.protocol === 'UDP' && (x.port === undefined || x.port === 53))));
  if (egressBlocked.length && tcpOnly) {
    out.push({
      code: 'dns-blocked',
      message: `DNS is blocked for ${egressBlocked.join(', ')}: the egress rule on port 53 has no protocol, and protocol defaults to TCP; DNS asks over UDP, so write protocol: UDP (and a second entry for TCP)`,
    });
  } else if (egressBlocked.length) {
    out.push({
      code: 'dns-blocked',
      message: `DNS is blocked for ${egressBlocked.join(', ')}: ${egressBlocked.length > 1 ? 'they cannot' : 'it cannot'} reach CoreDNS (kube-system, k8s-app=kube-dns) on 53/UDP, so Service names do not resolve; allow egress on port 53 (UDP, and TCP for large answers)`,
    });
  }
  if (peerMisses.length && !found.some((m) => m.code === 'ipblock-service-ip')) {
    out.push({
      code: 'dns-blocked',
      message: `DNS is blocked for ${peerMisses.join(', ')}: an egress rule allows port 53, but its to list does not match the CoreDNS pods (namespace kube-system, labels k8s-app=kube-dns); select them with namespaceSelector kubernetes.io/metadata.name=kube-system and podSelector k8s-app=kube-dns, or leave to empty`,
    });
  }
  return out;
}

/** A port entry that opens what the task keeps closed, beside entries that are needed. */
function extraPorts(ctx: MistakeContext, open: OpenSides, crossed: ReadonlySet<string> = new Set()): Mistake[] {
  const ev = ctx.ev;
  const answerIds = new Set(ctx.answer.map(policyId));
  const hits = new Map<string, { n: number; port: string; example: string }>();
  for (const m of ctx.mismatches) {
    if (m.expected !== 'denied' || m.got !== 'allowed') continue;
    const v = ev.engine.verdict(m.from, m.to, { port: m.port, protocol: m.protocol as 'TCP' });
    for (const side of [v.ingress, v.egress]) {
      for (const r of side.allowedBy) {
        if (r.portIndex === null || r.portIndex < 0 || !answerIds.has(r.policy) || otherSideOpen(ctx, open, m, r.direction, v)) continue;
        const policy = ev.engine.policy(r.policy)!;
        const rule = (r.direction === 'ingress' ? policy.ingress : policy.egress)[r.ruleIndex];
        if (rule.ports.length < 2) continue; // a rule with one wrong port is a wrong port, not an extra one
        if (crossed.has(`${r.policy} ${r.direction}[${r.ruleIndex}]`)) continue; // said as crossed peers and ports
        const key = `${r.policy} ${r.direction}[${r.ruleIndex}].ports[${r.portIndex}]`;
        const p = rule.ports[r.portIndex];
        const h = hits.get(key) ?? { n: 0, port: portWords(p), example: `${m.from} -> ${m.to}` };
        h.n++;
        hits.set(key, h);
      }
    }
  }
  // When the whole rule can go (taking it out mends and breaks nothing), the rule is what the task
  // does not want, not one port beside needed ones.
  const all = ev.policies as NetworkPolicy[];
  const unwanted = new Map<string, Mistake>();
  const out: Mistake[] = [];
  for (const [at, h] of hits) {
    const ruleAt = at.replace(/\.ports\[\d+\]$/, '');
    if (unwanted.has(ruleAt)) continue;
    const [pid, where] = ruleAt.split(' ');
    const m = /^(ingress|egress)\[(\d+)\]$/.exec(where);
    const policy = ev.engine.policy(pid);
    const target = all.find((x) => policyId(x) === pid);
    if (m && policy && target) {
      const dir = m[1] as 'ingress' | 'egress';
      const rules = (dir === 'ingress' ? target.ingress : target.egress).filter((_, i) => i !== Number(m[2]));
      const d = ctx.rewriteDelta(replacePolicy(all, target, [dir === 'ingress' ? { ...target, ingress: rules } : { ...target, egress: rules }]));
      if (d && d.broken.length === 0 && d.mended > 0) {
        const rule = (dir === 'ingress' ? policy.ingress : policy.egress)[Number(m[2])];
        unwanted.set(ruleAt, {
          code: 'extra-port',
          policy: pid,
          message: `${ruleAt} (${rule.ports.map(portWords).join(', ')}) opens what the task keeps closed (e.g. ${h.example}); nothing needs that rule: remove it`,
        });
        continue;
      }
    }
    out.push({ code: 'extra-port', policy: pid, message: `${at} (${h.port}) opens a port the task does not ask for (${plural(h.n, 'wrong connection')}, e.g. ${h.example}); remove it` });
  }
  return [...out, ...unwanted.values()];
}

/**
 * Where both directions are isolated, a connection needs an egress rule at the source and an
 * ingress rule at the destination: an answer that writes one half leaves the connection shut.
 */
function oneSideOnly(ctx: MistakeContext): Mistake[] {
  const ev = ctx.ev;
  const answerIds = new Set(ctx.answer.map(policyId));
  const needEgress = new Map<string, string>();
  const needIngress = new Map<string, string>();
  for (const m of ctx.mismatches) {
    if (m.expected !== 'allowed' || m.got !== 'denied') continue;
    if (ctx.prep.dnsPods.includes(ev.engine.indexOf(m.to))) continue; // DNS has its own advice
    const v = ev.engine.verdict(m.from, m.to, { port: m.port, protocol: m.protocol as 'TCP' });
    const admittedByAnswer = (d: Verdict['ingress']) => d.isolated && d.allowedBy.some((r) => answerIds.has(r.policy));
    if (!v.egress.allowed && admittedByAnswer(v.ingress)) needEgress.set(m.from, `${m.from} -> ${m.to} (isolated for egress by ${v.egress.isolatedBy.join(', ')})`);
    if (!v.ingress.allowed && admittedByAnswer(v.egress)) needIngress.set(m.to, `${m.from} -> ${m.to} (isolated for ingress by ${v.ingress.isolatedBy.join(', ')})`);
  }
  const out: Mistake[] = [];
  if (needEgress.size) {
    out.push({ code: 'one-side-only', message: `an ingress rule admits it, but the source may not send it: ${[...needEgress.values()][0]}${needEgress.size > 1 ? ` and ${needEgress.size - 1} more` : ''}. With egress denied too, each connection also needs an egress rule at the source` });
  }
  if (needIngress.size) {
    out.push({ code: 'one-side-only', message: `an egress rule lets it out, but the destination does not accept it: ${[...needIngress.values()][0]}${needIngress.size > 1 ? ` and ${needIngress.size - 1} more` : ''}. With ingress denied too, each connection also needs an ingress rule at the destination` });
  }
  return out;
}

/**
 * A policy written for the other direction: Egress where the task restricts what pods accept, or
 * ingress rules where it restricts what they send. Confirmed by turning it round (policyTypes and
 * rules, from <-> to): that must mend what is wrong and break nothing.
 */
function wrongDirectionMistakes(ctx: MistakeContext, fixes: (ps: NetworkPolicy[]) => boolean, found: readonly Mistake[]): Mistake[] {
  const out: Mistake[] = [];
  const all = ctx.ev.policies;
  for (const p of ctx.answer) {
    const id = policyId(p);
    if (p.policyTypes.length !== 1 || found.some((m) => m.policy === id && m.code === 'wrong-side')) continue;
    const was = p.policyTypes[0];
    const rules = was === 'Ingress' ? p.ingress : p.egress;
    if ((was === 'Ingress' ? p.egress : p.ingress).length > 0) continue; // rules the types ignore: rules-ignored says it
    // An Ingress-only deny with no rules is the policyTypes-without-Egress case, said there.
    if (was === 'Ingress' && rules.length === 0) continue;
    const turned: NetworkPolicy = {
      ...p,
      policyTypes: [was === 'Ingress' ? 'Egress' : 'Ingress'],
      policyTypesDefaulted: false,
      ingress: was === 'Ingress' ? [] : p.egress,
      egress: was === 'Ingress' ? p.ingress : [],
    };
    if (!fixes(replacePolicy(all, p, [turned]))) continue;
    const rulesWords = rules.length ? ` and its rules are ${was.toLowerCase()} rules` : '';
    out.push({
      code: 'wrong-direction',
      policy: id,
      message:
        was === 'Egress'
          ? `${id} lists only Egress in policyTypes${rulesWords}, so it restricts what its pods send; the task is about what they accept: write policyTypes: [Ingress]${rules.length ? ' and ingress rules (from instead of to)' : ''}`
          : `${id} lists only Ingress in policyTypes${rulesWords}, so it restricts what its pods accept; the task is about what they send: write policyTypes: [Egress] and egress rules (to instead of from)`,
    });
  }
  return out;
}

/**
 * A direction listed in policyTypes with no rules for it, where the task leaves that direction
 * alone: the pods it selects now refuse (or cannot send) everything that way. Confirmed by taking that type out.
 */
function extraPolicyTypeMistakes(ctx: MistakeContext, fixes: (ps: NetworkPolicy[]) => boolean): Mistake[] {
  const out: Mistake[] = [];
  for (const p of ctx.answer) {
    if (p.policyTypesDefaulted || p.policyTypes.length !== 2) continue;
    for (const type of ['Ingress', 'Egress'] as const) {
      const rules = type === 'Ingress' ? p.ingress : p.egress;
      if (rules.length > 0) continue;
      const keep = type === 'Ingress' ? 'Egress' : 'Ingress';
      if (!fixes(replacePolicy(ctx.ev.policies, p, [{ ...p, policyTypes: [keep] }]))) continue;
      const one = isEmptySelector(p.podSelector);
      const what = type === 'Ingress' ? `now ${one ? 'accepts' : 'accept'} no incoming connection` : 'may now send nothing';
      out.push({
        code: 'extra-policy-type',
        policy: policyId(p),
        message: `${policyId(p)} lists ${type} in policyTypes but has no ${type.toLowerCase()} rules, so ${isEmptySelector(p.podSelector) ? `every pod of ${p.namespace}` : `the pods it selects (${selText(p.podSelector)})`} ${what}; list only ${keep}`,
      });
    }
  }
  return out;
}

/** A named port that no pod on the receiving side declares: the entry matches nothing. */
function portNameMistakes(ctx: MistakeContext): Mistake[] {
  const out: Mistake[] = [];
  const engine = ctx.ev.engine;
  const pods = engine.cluster.pods;
  for (const p of ctx.answer) {
    for (const dir of ['ingress', 'egress'] as const) {
      (dir === 'ingress' ? p.ingress : p.egress).forEach((rule, ri) => {
        rule.ports.forEach((port, k) => {
          if (typeof port.port !== 'string') return;
          // Who must declare the name: the selected pods (ingress) or the pods the rule sends to (egress).
          const receivers =
            dir === 'ingress'
              ? engine.podsSelected(p.podSelector, p.namespace)
              : rule.peers.length === 0
                ? pods.map((_, i) => i)
                : [...new Set(rule.peers.flatMap((peer) => engine.peerMembers(peer, p.namespace)))].filter((i) => i < pods.length);
          if (receivers.length === 0) return;
          if (receivers.some((i) => pods[i].ports.some((c) => c.name === port.port && c.protocol === port.protocol))) return;
          const declared = [...new Set(receivers.flatMap((i) => pods[i].ports.map((c) => (c.name ? `${c.name} (${c.port}/${c.protocol})` : `${c.port}/${c.protocol} (no name)`))))];
          out.push({
            code: 'port-name-unknown',
            policy: policyId(p),
            message: `${policyId(p)} ${dir}[${ri}].ports[${k}] names port ${port.port}/${port.protocol}, but no pod ${dir === 'ingress' ? 'it selects' : 'it sends to'} declares a container port of that name (they declare ${declared.length ? declared.join(', ') : 'no ports'}), so the entry matches nothing; a named port matches containers[].ports[].name: write the number or a declared name`,
          });
        });
      });
    }
  }
  return out;
}

/**
 * Two destinations with a port each, written as one rule with both peers and both ports: a rule
 * admits every peer on every port, so each is open on the other's port too. Confirmed by writing
 * one rule per (peer, port) pair and dropping the pairs nothing needs: that must mend what the
 * rule lets through wrongly and break nothing.
 */
function portsCrossed(ctx: MistakeContext): (Mistake & { rule?: string })[] {
  const out: (Mistake & { rule?: string })[] = [];
  const all = ctx.ev.policies as NetworkPolicy[];
  for (const p of ctx.answer) {
    const pi = all.indexOf(p);
    for (const dir of ['ingress', 'egress'] as const) {
      const rules = dir === 'ingress' ? p.ingress : p.egress;
      rules.forEach((rule, ri) => {
        if (rule.peers.length < 2 || rule.ports.length < 2 || rule.peers.length * rule.ports.length > 16) return;
        const ruleName = `${policyId(p)} ${dir}[${ri}]`;
        const wrongHere = ctx.mismatches.some((m) => {
          if (m.expected !== 'denied' || m.got !== 'allowed') return false;
          const v = ctx.ev.engine.verdict(m.from, m.to, { port: m.port, protocol: m.protocol as never });
          return (dir === 'ingress' ? v.ingress : v.egress).allowedBy.some((r) => `${r.policy} ${r.direction}[${r.ruleIndex}]` === ruleName);
        });
        if (!wrongHere) return;
        const rewrite = (pairs: PolicyRule[]) => {
          const next = [...rules.slice(0, ri), ...pairs, ...rules.slice(ri + 1)];
          return all.map((x, i) => (i === pi ? (dir === 'ingress' ? { ...x, ingress: next } : { ...x, egress: next }) : x));
        };
        let pairs: PolicyRule[] = rule.peers.flatMap((peer) => rule.ports.map((port) => ({ peers: [peer], ports: [port] })));
        // Drop the pairs whose removal breaks nothing that is right now.
        for (const pair of [...pairs]) {
          const without = pairs.filter((x) => x !== pair);
          const d = ctx.rewriteDelta(rewrite(without));
          if (d && d.broken.length === 0) pairs = without;
        }
        const d = ctx.rewriteDelta(rewrite(pairs));
        if (!d || d.broken.length > 0 || d.mended === 0 || pairs.length === rule.peers.length * rule.ports.length) return;
        const peerWords = (x: PolicyPeer) => (x.ipBlock ? x.ipBlock.cidr : [x.namespaceSelector && `namespace ${selText(x.namespaceSelector)}`, x.podSelector && selText(x.podSelector)].filter(Boolean).join(' '));
        const kept = pairs.map((x) => `${peerWords(x.peers[0])} on ${portWords(x.ports[0])}`);
        out.push({
          code: 'ports-crossed',
          policy: policyId(p),
          rule: ruleName,
          message: `${ruleName} lists ${rule.peers.length} peers and ${rule.ports.length} ports in one rule, so every peer is reachable on every port of it; the task pairs them: write one rule per destination with its own port (${kept.join('; ')})`,
        });
      });
    }
  }
  return out;
}

/**
 * A policy in the wrong namespace (module 13, 7.3): it applies only to pods of its own namespace,
 * and the same policy in another one is what the task needs. Confirmed by moving it there (its
 * podSelector-only peers keep meaning the pods of the policy's namespace, as a re-apply with -n
 * would make them). A policy that selects no pods at all is said as that already.
 */
function wrongNamespaceMistakes(ctx: MistakeContext, fixes: (ps: NetworkPolicy[]) => boolean, found: readonly Mistake[]): (Mistake & { target: string })[] {
  const out: (Mistake & { target: string })[] = [];
  const all = ctx.ev.policies as NetworkPolicy[];
  const engine = ctx.ev.engine;
  const withPods = engine.cluster.namespaces.map((n) => n.name).filter((ns) => engine.podsSelected(emptySelector(), ns).length > 0);
  for (const p of ctx.answer) {
    const id = policyId(p);
    if (found.some((m) => m.policy === id && m.code === 'selects-no-pods')) continue;
    for (const ns of withPods) {
      if (ns === p.namespace || ns === 'kube-system') continue;
      if (engine.podsSelected(p.podSelector, ns).length === 0) continue;
      if (!fixes(replacePolicy(all, p, [{ ...p, namespace: ns }]))) continue;
      out.push({
        code: 'wrong-namespace',
        policy: id,
        target: ns,
        message: `${id} is in namespace ${p.namespace}, but the pods the task is about run in ${ns}: a policy applies only to pods of its own namespace (module 13: the policy goes in the target pods' namespace); set metadata.namespace: ${ns}`,
      });
      break;
    }
  }
  return out;
}

/**
 * The right port number under the wrong protocol (UDP where TCP is served, a UDP service with no
 * protocol, which defaults to TCP). Confirmed by changing only the protocol. DNS on port 53 has
 * its own advice.
 */
function wrongProtocolMistakes(ctx: MistakeContext, fixes: (ps: NetworkPolicy[]) => boolean): Mistake[] {
  const out: Mistake[] = [];
  const all = ctx.ev.policies as NetworkPolicy[];
  for (const p of ctx.answer) {
    for (const dir of ['ingress', 'egress'] as const) {
      const rules = dir === 'ingress' ? p.ingress : p.egress;
      rules.forEach((rule, ri) => {
        rule.ports.forEach((port, k) => {
          if (typeof port.port !== 'number' || (dir === 'egress' && port.port === 53)) return;
          for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
            if (protocol === port.protocol) continue;
            const ports = rule.ports.map((x, j) => (j === k ? { ...x, protocol, protocolDefaulted: false } : x));
            const next = rules.map((r, j) => (j === ri ? { ...r, ports } : r));
            if (!fixes(replacePolicy(all, p, [dir === 'ingress' ? { ...p, ingress: next } : { ...p, egress: next }]))) continue;
            const range = port.endPort !== undefined ? `${port.port}-${port.endPort}` : `${port.port}`;
            const said = port.protocolDefaulted ? `has no protocol, so it is ${range}/TCP (protocol defaults to TCP)` : `is ${range}/${port.protocol}`;
            out.push({
              code: 'wrong-protocol',
              policy: policyId(p),
              message: `${policyId(p)} ${dir}[${ri}].ports[${k}] ${said}, but the connection the task opens is ${range}/${protocol}: write protocol: ${protocol}`,
            });
            return;
          }
        });
      });
    }
  }
  return out;
}

/**
 * A fix task's broken policy left in place, with the fix written beside it under another name:
 * policies add up, so whatever the old one lets in still gets in.
 */
function brokenPolicyKept(ctx: MistakeContext): Mistake[] {
  if (ctx.prep.scenario.kind !== 'fix') return [];
  const answerIds = new Set(ctx.answer.map(policyId));
  // Only where the answer wrote a policy of its own for some of the same pods: its corrected copy.
  const engine = ctx.ev.engine;
  const selected = (p: NetworkPolicy) => new Set(engine.podsSelected(p.podSelector, p.namespace));
  const kept = ctx.prep.existing
    .filter((p) => !answerIds.has(policyId(p)))
    .filter((p) => {
      const mine = selected(p);
      return ctx.answer.some((a) => a.namespace === p.namespace && [...selected(a)].some((i) => mine.has(i)));
    })
    .map(policyId);
  const blamed = new Map<string, string>();
  for (const m of ctx.mismatches) {
    if (m.expected !== 'denied' || m.got !== 'allowed') continue;
    const v = ctx.ev.engine.verdict(m.from, m.to, { port: m.port, protocol: m.protocol as never });
    for (const side of [v.ingress, v.egress]) {
      for (const r of side.allowedBy) if (kept.includes(r.policy) && !blamed.has(r.policy)) blamed.set(r.policy, `${m.from} -> ${m.to}`);
    }
  }
  return [...blamed].map(([id, example]) => ({
    code: 'existing-unchanged' as const,
    policy: id,
    message: `${id} is still there as it was (e.g. it admits ${example}): policies add up, so a corrected copy under another name does not take anything away from it; fix it under its own name (kubectl apply replaces it) or delete it`,
  }));
}

/**
 * A policy of the answer that the task does not want at all (a default deny added for good
 * measure where the task leaves the other pods alone): without it the answer is right.
 */
function unneededPolicies(ctx: MistakeContext): Mistake[] {
  if (ctx.answer.length < 2) return [];
  const all = ctx.ev.policies as NetworkPolicy[];
  const out: Mistake[] = [];
  for (const p of ctx.answer) {
    // Only where it is the whole mistake: without it the answer is right.
    const without = all.filter((x) => x !== p);
    const d = ctx.rewriteDelta(without);
    if (!d || d.broken.length > 0 || d.mended === 0 || ctx.regrade(without).wrongCount > 0) continue;
    out.push({
      code: 'unneeded-policy',
      policy: policyId(p),
      message: `${policyId(p)} is not needed: without it every connection comes out as the task asks; the task leaves the pods it selects (${isEmptySelector(p.podSelector) ? `every pod of ${p.namespace}` : selText(p.podSelector)}) as they are`,
    });
  }
  return out;
}

/**
 * An ipBlock aimed at pods (a range of the pod network, not the whole address space): the docs
 * mean ipBlock for cluster-external IPs; pod IPs change with every restart, and some CNIs (Cilium)
 * leave pods out of CIDR rules. Said even when the answer passes here: it works on this cluster
 * by its addresses of today.
 */
function ipBlockPodMistakes(ctx: MistakeContext): Mistake[] {
  const out: Mistake[] = [];
  const pods = ctx.ev.cluster.pods.filter((p) => !p.hostNetwork);
  for (const p of ctx.answer) {
    for (const dir of ['ingress', 'egress'] as const) {
      (dir === 'ingress' ? p.ingress : p.egress).forEach((rule, ri) => {
        for (const peer of rule.peers) {
          const cidr = peer.ipBlock && parseCidr(peer.ipBlock.cidr);
          if (!cidr || cidr.prefix === 0) continue;
          const excepts = (peer.ipBlock!.except ?? []).map(parseCidr).filter((c): c is NonNullable<typeof c> => c !== null);
          const hit = pods.filter((pod) =>
            pod.ips.some((t) => {
              const a = parseIp(t);
              return a !== null && a.family === cidr.family && cidrContains(cidr, a) && !excepts.some((e) => e.family === a.family && cidrContains(e, a));
            }),
          );
          if (hit.length === 0) continue;
          out.push({
            code: 'ipblock-pod-ip',
            policy: policyId(p),
            message: `${policyId(p)} ${dir}[${ri}] ipBlock ${peer.ipBlock!.cidr} takes in pod IPs (${hit.slice(0, 2).map((x) => `${x.namespace}/${x.name}`).join(', ')}${hit.length > 2 ? `, ${hit.length - 2} more` : ''}): ipBlock is meant for addresses outside the cluster; pod IPs change when pods restart, and some CNIs leave pods out of CIDR rules. Select pods with podSelector and namespaceSelector`,
          });
          return;
        }
      });
    }
  }
  return out;
}

/**
 * A podSelector alone where the task's pods run in other namespaces too (module 13, 2.4 and 5.3): it
 * only looks in the policy's own namespace. Confirmed by adding, in the same entry, a
 * namespaceSelector on one label the namespaces carry (their own labels before their names).
 */
function namespaceSelectorMissing(ctx: MistakeContext, fixes: (ps: NetworkPolicy[]) => boolean, found: readonly Mistake[]): Mistake[] {
  const out: Mistake[] = [];
  const all = ctx.ev.policies as NetworkPolicy[];
  const labels: [string, string][] = [];
  for (const n of ctx.ev.cluster.namespaces) for (const kv of Object.entries(n.labels)) if (!labels.some(([k, v]) => k === kv[0] && v === kv[1])) labels.push(kv);
  labels.sort((a, b) => Number(a[0] === 'kubernetes.io/metadata.name') - Number(b[0] === 'kubernetes.io/metadata.name'));
  for (const p of ctx.answer) {
    if (found.some((m) => m.policy === policyId(p) && ['wrong-side', 'wrong-namespace', 'or-instead-of-and', 'peer-matches-no-pods'].includes(m.code))) continue;
    const pi = all.indexOf(p);
    for (const dir of ['ingress', 'egress'] as const) {
      (dir === 'ingress' ? p.ingress : p.egress).forEach((rule, ri) => {
        rule.peers.forEach((peer, k) => {
          if (!peer.podSelector || peer.namespaceSelector || peer.ipBlock || isEmptySelector(peer.podSelector)) return;
          for (const [key, value] of labels) {
            const withNs: PolicyPeer = { podSelector: peer.podSelector, namespaceSelector: { matchLabels: { [key]: value }, matchExpressions: [] } };
            // It must reach pods of another namespace, not merely switch the peer off.
            if (!ctx.ev.engine.peerMembers(withNs, p.namespace).some((i) => ctx.ev.engine.endpoints[i].namespace !== p.namespace)) continue;
            if (!fixes(withRule(all, pi, dir, ri, rule.peers.map((x, j) => (j === k ? withNs : x))))) continue;
            out.push({
              code: 'namespace-selector-missing',
              policy: policyId(p),
              message: `${policyId(p)} ${dir}[${ri}]: podSelector ${selText(peer.podSelector)} alone only looks in namespace ${p.namespace}; the pods the task means are picked by namespace too: put namespaceSelector ${key}=${value} in the same entry (one dash, AND)`,
            });
            return;
          }
        });
      });
    }
  }
  return out;
}

/**
 * from (or to) and ports written as two rules, one dash too many: the first admits its peers on
 * every port, the second every source on its ports. Confirmed by merging them into one rule.
 */
function rulesSplit(ctx: MistakeContext, fixes: (ps: NetworkPolicy[]) => boolean): (Mistake & { rule: string })[] {
  const out: (Mistake & { rule: string })[] = [];
  const all = ctx.ev.policies as NetworkPolicy[];
  for (const p of ctx.answer) {
    for (const dir of ['ingress', 'egress'] as const) {
      const rules = dir === 'ingress' ? p.ingress : p.egress;
      const list = dir === 'ingress' ? 'from' : 'to';
      rules.forEach((a, i) => {
        if (a.peers.length === 0 || a.ports.length > 0) return;
        rules.forEach((b, j) => {
          if (j === i || b.peers.length > 0 || b.ports.length === 0) return;
          const merged = rules.flatMap((r, k) => (k === i ? [{ ...a, ports: b.ports }] : k === j ? [] : [r]));
          if (!fixes(replacePolicy(all, p, [dir === 'ingress' ? { ...p, ingress: merged } : { ...p, egress: merged }]))) return;
          const rule = `${policyId(p)} ${dir}[${i}]`;
          if (out.some((m) => m.rule === rule)) return;
          out.push({
            code: 'rule-split',
            policy: policyId(p),
            rule,
            message: `${list} and ports are in two rules of ${policyId(p)} (${dir}[${i}] and ${dir}[${j}], a dash too many before ports): each rule stands alone, so ${dir}[${i}] ${dir === 'ingress' ? 'admits its peers' : 'lets the pods reach its peers'} on every port and ${dir}[${j}] ${dir === 'ingress' ? 'admits every source' : 'lets the pods reach every destination'} on its ports; put ports in the same rule as ${list}`,
          });
        });
      });
    }
  }
  return out;
}
