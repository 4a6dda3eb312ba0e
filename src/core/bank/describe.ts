// The task, the cluster and the hints as plain lines (text plus a style hint), shared by the
// TUI's scrolling screens and the CLI's `show`; wrapped, counted and windowed by the caller.
import { METADATA_NAME_LABEL } from '../model.js';
import type { Cluster, Labels } from '../model.js';
import type { PreparedStep } from './prepare.js';
import type { Scenario } from './scenario.js';
import { existingBlocksAt } from './prepare.js';
import { solutionAnswer } from './scenario.js';
import { difficultyDots } from './difficulty.js';

export interface Line {
  text: string;
  color?: 'red' | 'green' | 'yellow' | 'cyan' | 'magenta';
  bold?: boolean;
  dim?: boolean;
}

/** Word-wraps one paragraph to `width`, keeping its leading indentation on continuation lines. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    if (raw.length <= w) {
      out.push(raw);
      continue;
    }
    const indent = /^ */.exec(raw)![0];
    let line = '';
    for (const word of raw.trim().split(/ +/)) {
      const next = line === '' ? indent + word : `${line} ${word}`;
      if (next.length > w && line !== '') {
        out.push(line);
        line = indent + '  ' + word;
      } else line = next;
      while (line.length > w) {
        out.push(line.slice(0, w));
        line = indent + '  ' + line.slice(w);
      }
    }
    out.push(line);
  }
  return out;
}

export function wrapLines(lines: readonly Line[], width: number): Line[] {
  return lines.flatMap((l) => wrap(l.text, width).map((text) => ({ ...l, text })));
}

export function labelText(labels: Labels, hide: readonly string[] = []): string {
  const shown = Object.entries(labels).filter(([k]) => !hide.includes(k));
  return shown.length ? shown.map(([k, v]) => `${k}=${v}`).join(',') : '(no labels)';
}

export { difficultyDots };

export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The cluster, compactly: namespaces with labels, their pods (labels, IP, ports), Services. */
export function clusterLines(cluster: Cluster): Line[] {
  const out: Line[] = [];
  const hidePod = ['pod-template-hash'];
  for (const ns of cluster.namespaces) {
    const pods = cluster.pods.filter((p) => p.namespace === ns.name);
    const services = cluster.services.filter((s) => s.namespace === ns.name);
    if (ns.name === 'kube-system') {
      const dns = pods.filter((p) => p.labels['k8s-app'] === 'kube-dns');
      const ports = dns[0]?.ports.map((p) => `${p.port}/${p.protocol}`).join(' ') ?? '';
      out.push({ text: `namespace kube-system: CoreDNS ×${dns.length} (k8s-app=kube-dns) ${dns.map((p) => p.ips[0]).join(', ')} serving ${ports}; Service kube-dns`, dim: true });
      continue;
    }
    if (ns.name === 'default' && pods.length === 0 && services.length === 0) continue;
    out.push({ text: `namespace ${ns.name}  ${labelText(ns.labels, [METADATA_NAME_LABEL])}`, bold: true });
    for (const p of pods) {
      const ports = p.ports.length ? p.ports.map((x) => `${x.name ? x.name + ' ' : ''}${x.port}/${x.protocol}`).join(' ') : 'serves nothing';
      out.push({ text: `  pod ${p.name}  ${labelText(p.labels, hidePod)}  ${p.ips[0]}  ${ports}` });
    }
    for (const s of services) {
      const ports = s.ports.map((x) => `${x.port} -> ${x.targetPort}/${x.protocol}`).join(', ');
      out.push({ text: `  svc ${s.name}  ${s.clusterIP ?? ''}  ${ports}  selects ${labelText(s.selector)}`, color: 'cyan' });
    }
  }
  if (cluster.externals.length) {
    out.push({ text: 'outside the cluster', bold: true });
    for (const e of cluster.externals) out.push({ text: `  host ${e.name}  ${e.ip}  ${e.ports.map((x) => `${x.port}/${x.protocol}`).join(' ')}` });
  }
  out.push({ text: `(every namespace also carries ${METADATA_NAME_LABEL}=NAME)`, dim: true });
  return out;
}

/** Everything the task screen shows, top to bottom. */
export function taskLines(prep: PreparedStep, hintsShown: number): Line[] {
  const s: Scenario = prep.scenario;
  const st = s.steps[prep.step - 1];
  const out: Line[] = [];
  out.push({ text: `${s.title}`, bold: true });
  out.push({ text: `${s.id} · ${s.kind} · difficulty ${difficultyDots(s.difficulty)} · about ${s.minutes} min · topics ${s.topics.join(', ')}`, dim: true });
  out.push({ text: '' });
  for (const l of s.task.trimEnd().split('\n')) out.push({ text: l });
  out.push({ text: '' });
  out.push({ text: `Step ${prep.step}/${s.steps.length}: ${st.title}`, bold: true, color: 'cyan' });
  if (st.task) for (const l of st.task.trimEnd().split('\n')) out.push({ text: l });
  if (s.kind === 'predict') out.push({ text: `Answer ${st.questions.length} question${st.questions.length === 1 ? '' : 's'}: will each connection work?`, dim: true });
  if (s.kind === 'pick') out.push({ text: `Pick the least permissive of ${s.candidates.length} candidate files that does the job.`, dim: true });
  out.push({ text: '' });
  out.push({ text: 'Cluster', bold: true });
  out.push(...clusterLines(prep.cluster).map((l) => ({ ...l, text: '  ' + l.text })));
  out.push({ text: '' });
  const existing = existingBlocksAt(s, prep.step);
  const earlier = earlierStepBlocks(s, prep.step);
  if (existing.length === 0 && earlier.length === 0) out.push({ text: 'No NetworkPolicies exist yet.', dim: true });
  if (existing.length > 0) {
    out.push({ text: `Existing policies (${prep.existing.length})`, bold: true });
    for (const b of existing) for (const l of b.text.trimEnd().split('\n')) out.push({ text: '  ' + l });
  }
  for (const { step, text } of earlier) {
    out.push({ text: `From step ${step} (in place: keep ${step === prep.step - 1 ? 'it' : 'them'} in your answer)`, bold: true });
    for (const l of text.trimEnd().split('\n')) out.push({ text: '  ' + l });
  }
  out.push(...hintLines(s, hintsShown));
  return out;
}

export function hintLines(s: Scenario, shown: number): Line[] {
  if (shown <= 0) return [];
  const out: Line[] = [{ text: '' }, { text: `Hints (${Math.min(shown, s.hints.length)}/${s.hints.length})`, bold: true, color: 'yellow' }];
  s.hints.slice(0, shown).forEach((h, i) => out.push({ text: `  ${i + 1}. ${h.trim()}`, color: 'yellow' }));
  return out;
}

/**
 * The policies earlier steps added, as the first stepwise reference solution writes them: what a
 * learner who did those steps has in the cluster when step `step` begins.
 */
export function earlierStepBlocks(s: Scenario, step: number): { step: number; text: string }[] {
  if (step <= 1) return [];
  const sol = s.solutions.find((x) => x.forStep === undefined && solutionAnswer(x, step - 1));
  if (!sol) return [];
  return sol.pieces.slice(0, step - 1).map((b, i) => ({ step: i + 1, text: b.text.replace(/^---\n/, '') }));
}
