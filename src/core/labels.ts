// Label selector semantics (metav1.LabelSelector): matchLabels and matchExpressions
// are ANDed; an empty selector matches everything.
import type { Labels } from './model.js';
import type { LabelSelector, LabelSelectorRequirement } from './policy.js';

export function requirementMatches(r: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]);
    case 'NotIn':
      // A pod without the key matches NotIn, as in Kubernetes.
      return !has || !r.values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function selectorMatches(sel: LabelSelector, labels: Labels): boolean {
  for (const key in sel.matchLabels) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== sel.matchLabels[key]) return false;
  }
  for (const r of sel.matchExpressions) if (!requirementMatches(r, labels)) return false;
  return true;
}

export function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels).length === 0 && sel.matchExpressions.length === 0;
}

/** A canonical text for a selector, used as a cache key and in messages ("app=web,tier in (a,b)"). */
export function selectorText(sel: LabelSelector): string {
  const parts = Object.keys(sel.matchLabels)
    .sort()
    .map((k) => `${k}=${sel.matchLabels[k]}`);
  for (const r of sel.matchExpressions) {
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${r.values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${r.values.join(',')})`);
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
    }
  }
  return parts.join(',');
}
