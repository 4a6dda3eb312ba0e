// The text form of `explain`: one indented block per policy. Colour only underlines
// what the words already say (AND/OR, "warning:"), so NO_COLOR loses nothing.
import type { PeerExplanation, PolicyExplanation, RuleExplanation } from './explain.js';
import { shortList } from './explain.js';

export type Style = (code: 'red' | 'green' | 'yellow' | 'dim' | 'bold' | 'cyan', text: string) => string;

const plain: Style = (_c, t) => t;

function podsNote(pods: string[] | undefined, whenNone: string): string {
  if (pods === undefined) return '';
  if (pods.length === 0) return ` (${whenNone})`;
  return ` (${pods.length === 1 ? '1 pod' : `${pods.length} pods`}: ${shortList(pods)})`;
}

function peerLine(peer: PeerExplanation, style: Style): string {
  // An ipBlock usually means the world outside; list pods only when it reaches some.
  const pods = peer.kind === 'ipBlock' && peer.pods?.length === 0 ? '' : podsNote(peer.pods, 'no pods right now');
  return `${style('dim', peer.path)}  ${peer.text}${pods}`;
}

function ruleLines(rule: RuleExplanation, style: Style): string[] {
  const or = style('cyan', 'OR');
  const and = style('cyan', 'AND');
  const verb = rule.path.startsWith('ingress') ? 'from' : 'to';
  const lines = [`${rule.ignored ? `${style('yellow', '(ignored)')} ` : ''}${style('bold', rule.path)} allows traffic`];
  if (rule.anyPeer) {
    lines.push(`  ${verb.padStart(4)} anywhere (every pod, every namespace, and outside the cluster)`);
  } else {
    rule.peers.forEach((peer, i) => lines.push(`  ${i === 0 ? verb.padStart(4) : `  ${or}`} ${peerLine(peer, style)}`));
  }
  if (rule.anyPort) {
    lines.push(`  ${and} on any port and protocol`);
  } else {
    rule.ports.forEach((port, i) => lines.push(i === 0 ? `  ${and} on ${port.text}` : `      ${or} ${port.text}`));
  }
  return lines;
}

export function formatExplanation(e: PolicyExplanation, style: Style = plain): string {
  const out: string[] = [];
  const where = e.source ? `  ${style('dim', `(${e.source.file}:${e.source.line}:${e.source.col})`)}` : '';
  out.push(`NetworkPolicy ${style('bold', e.policy)}${where}`);
  out.push(`  Selects ${e.selects.text}${podsNote(e.selects.pods, style('red', 'selects no pods!'))}`);
  out.push(`  ${e.isolates.policyTypesText}`);
  for (const d of ['ingress', 'egress'] as const) {
    const iso = e.isolates[d];
    out.push(`  ${iso.isolated && /no rules/.test(iso.text) ? style('red', iso.text) : iso.text}`);
    e[d].forEach((rule, i) => {
      if (i > 0) out.push(`    ${style('cyan', 'OR')}`);
      for (const line of ruleLines(rule, style)) out.push(`    ${line}`);
    });
  }
  if (e.warnings.length > 0) {
    out.push('  Warnings:');
    for (const w of e.warnings) out.push(`    ${style('yellow', 'warning:')} ${w.path}: ${w.message}`);
  }
  return out.join('\n') + '\n';
}

/** Several policies, separated by a blank line. */
export function formatExplanations(list: PolicyExplanation[], style: Style = plain): string {
  return list.map((e) => formatExplanation(e, style)).join('\n');
}
