// Label selectors as kubectl's -l flag writes them (k8s.io/apimachinery labels.Parse):
// "app=web", "app==web", "app!=web", "tier in (a,b)", "tier notin (a)", "app", "!app",
// joined by commas; and the text forms kubectl prints selectors in.
import type { LabelSelector, LabelSelectorRequirement } from '../policy.js';
import { isQualifiedName, isValidLabelValue } from '../manifest/names.js';

export type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export function selectorMatchesLabels(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v);
}

/** Parses a -l selector; a string is kubectl's complaint. */
export function parseSelector(text: string): Requirement[] | string {
  const out: Requirement[] = [];
  let rest = text.trim();
  if (rest === '') return out;
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^!\s*([^\s,=!()]+)\s*(,|$)/.exec(rest))) {
      out.push({ key: m[1], op: '!' });
    } else if ((m = /^([^\s,=!()]+)\s+(in|notin)\s*\(([^)]*)\)\s*(,|$)/.exec(rest))) {
      const values = m[3].split(',').map((v) => v.trim());
      out.push({ key: m[1], op: m[2] as 'in' | 'notin', values });
    } else if ((m = /^([^\s,=!()]+)\s*(==|=|!=)\s*([^\s,=!()]*)\s*(,|$)/.exec(rest))) {
      out.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
    } else if ((m = /^([^\s,=!()]+)\s*(,|$)/.exec(rest))) {
      out.push({ key: m[1], op: 'exists' });
    } else {
      return `unable to parse requirement: found '${rest[0]}', expected: identifier`;
    }
    rest = rest.slice(m[0].length).trim();
  }
  for (const r of out) {
    const bad = isQualifiedName(r.key);
    if (bad.length) return `unable to parse requirement: key: Invalid value: "${r.key}": ${bad[0]}`;
    const values = r.op === '=' || r.op === '!=' ? [r.value] : r.op === 'in' || r.op === 'notin' ? r.values : [];
    for (const v of values) {
      const b = isValidLabelValue(v);
      if (b.length) return `unable to parse requirement: values[0][${r.key}]: Invalid value: "${v}": ${b[0]}`;
    }
  }
  return out;
}

export function requirementsMatch(reqs: Requirement[], labels: Record<string, string>): boolean {
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case '=':
        return has && labels[r.key] === r.value;
      case '!=':
        return !has || labels[r.key] !== r.value;
      case 'in':
        return has && r.values.includes(labels[r.key]);
      case 'notin':
        return !has || !r.values.includes(labels[r.key]);
      case 'exists':
        return has;
      case '!':
        return !has;
    }
  });
}

/**
 * metav1.FormatLabelSelector: requirements sorted by key, "k=v", "k in (a,b)",
 * "k notin (a)", "k", "!k"; "<none>" for an empty selector.
 */
export function formatLabelSelector(sel: LabelSelector): string {
  const reqs: { key: string; text: string }[] = [];
  for (const k of Object.keys(sel.matchLabels)) reqs.push({ key: k, text: `${k}=${sel.matchLabels[k]}` });
  for (const r of sel.matchExpressions) reqs.push({ key: r.key, text: expressionText(r) });
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const text = reqs.map((r) => r.text).join(',');
  return text === '' ? '<none>' : text;
}

function expressionText(r: LabelSelectorRequirement): string {
  const values = [...r.values].sort();
  switch (r.operator) {
    case 'In':
      return `${r.key} in (${values.join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${values.join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/** labels.FormatLabels: sorted k=v joined by commas, "<none>" when empty. */
export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(',') : '<none>';
}
