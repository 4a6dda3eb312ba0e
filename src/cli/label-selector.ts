// -l/--selector in kubectl's syntax (k8s.io/apimachinery labels.Parse): requirements joined
// by commas, each `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` or `!k`.
// `k!=v` also matches objects without k, as it does in kubectl.
import { UsageError } from './args.js';
import type { LabelSelector } from '../core/policy.js';
import { isQualifiedName, isValidLabelValue } from '../core/manifest/names.js';

function checkKey(key: string, text: string): void {
  const problems = isQualifiedName(key);
  if (problems.length) throw new UsageError(`-l "${text}": invalid label key "${key}": ${problems[0]}`);
}

function checkValue(value: string, text: string): void {
  const problems = isValidLabelValue(value);
  if (problems.length) throw new UsageError(`-l "${text}": invalid label value "${value}": ${problems[0]}`);
}

/** Splits on commas outside parentheses. */
function requirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

export function parseLabelSelector(text: string): LabelSelector {
  const sel: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  if (text.trim() === '') return sel;
  for (const req of requirements(text)) {
    if (req === '') throw new UsageError(`-l "${text}": empty requirement (a stray comma?)`);
    let m: RegExpExecArray | null;
    if ((m = /^!\s*([^\s=!(),]+)$/.exec(req))) {
      checkKey(m[1], text);
      sel.matchExpressions.push({ key: m[1], operator: 'DoesNotExist', values: [] });
    } else if ((m = /^([^\s=!(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(req))) {
      checkKey(m[1], text);
      const values = m[3].split(',').map((v) => v.trim());
      for (const v of values) checkValue(v, text);
      sel.matchExpressions.push({ key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = /^([^\s=!(),]+)\s*(!=|==|=)\s*([^\s=!(),]*)$/.exec(req))) {
      checkKey(m[1], text);
      checkValue(m[3], text);
      if (m[2] === '!=') sel.matchExpressions.push({ key: m[1], operator: 'NotIn', values: [m[3]] });
      else if (Object.hasOwn(sel.matchLabels, m[1]) && sel.matchLabels[m[1]] !== m[3]) {
        // Two different values for one key can never both hold: keep both, as an In and a match.
        sel.matchExpressions.push({ key: m[1], operator: 'In', values: [m[3]] });
      } else sel.matchLabels[m[1]] = m[3];
    } else if ((m = /^([^\s=!(),]+)$/.exec(req))) {
      checkKey(m[1], text);
      sel.matchExpressions.push({ key: m[1], operator: 'Exists', values: [] });
    } else {
      throw new UsageError(`-l "${text}": cannot parse "${req}" (use k=v, k!=v, k in (a,b), k notin (a,b), k or !k)`);
    }
  }
  return sel;
}

/** Several -l flags: every one must hold. */
export function parseSelectors(texts: string[]): LabelSelector | undefined {
  if (texts.length === 0) return undefined;
  const all: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  for (const t of texts) {
    const s = parseLabelSelector(t);
    for (const [k, v] of Object.entries(s.matchLabels)) {
      if (Object.hasOwn(all.matchLabels, k) && all.matchLabels[k] !== v) all.matchExpressions.push({ key: k, operator: 'In', values: [v] });
      else all.matchLabels[k] = v;
    }
    all.matchExpressions.push(...s.matchExpressions);
  }
  return all;
}

/** What -n, -A and -l leave in view: a namespace set (undefined = all) and a pod selector. */
export interface Scope {
  namespaces?: Set<string>;
  selector?: LabelSelector;
}

/** kubectl's rule: -A (all namespaces) wins over -n. */
export function readScope(namespaces: string[], allNamespaces: boolean, selectors: string[]): Scope {
  const scope: Scope = {};
  if (!allNamespaces && namespaces.length > 0) scope.namespaces = new Set(namespaces);
  const selector = parseSelectors(selectors);
  if (selector) scope.selector = selector;
  return scope;
}
