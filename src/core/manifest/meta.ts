// ObjectMeta as the API server validates it (ValidateObjectMeta): a name (or generateName),
// a namespace for namespaced kinds (default "default", as kubectl does), labels and
// annotation keys. Assumes checkSchema already accepted the shape.
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from './names.js';
import { randomLikeString } from './random-names.js';
import type { Reporter } from './report.js';
import { isPlainObject } from './schema.js';
import type { FieldPath } from './yaml-documents.js';

export interface OwnerRef {
  kind: string;
  name: string;
  uid?: string;
}

export interface ObjectMetaInfo {
  name: string;
  /** '' for cluster-scoped kinds. */
  namespace: string;
  labels: Record<string, string>;
  uid?: string;
  ownerReferences: OwnerRef[];
}

export type NameRule = (name: string) => string[];

/** Validate a label map (keys are qualified names, values label values), errors at `path`. */
export function validateLabels(labels: Record<string, string>, path: FieldPath, r: Reporter): void {
  for (const [k, v] of Object.entries(labels)) {
    for (const m of isQualifiedName(k)) r.invalidKey(path, k, m);
    for (const m of isValidLabelValue(v)) r.invalid([...path, k], v, m);
  }
}

export function readObjectMeta(
  meta: unknown,
  opts: { namespaced: boolean; nameRule: NameRule; path?: FieldPath },
  r: Reporter,
): ObjectMetaInfo {
  const base = opts.path ?? ['metadata'];
  const m = isPlainObject(meta) ? meta : {};
  let name = typeof m.name === 'string' ? m.name : '';
  const generateName = typeof m.generateName === 'string' ? m.generateName : '';
  if (name === '' && generateName !== '') name = generateName + randomLikeString(`generateName:${generateName}`, 5);
  if (name === '') r.required([...base, 'name'], 'name or generateName is required');
  else for (const msg of opts.nameRule(name)) r.invalid([...base, m.name ? 'name' : 'generateName'], name, msg);

  let namespace = '';
  if (opts.namespaced) {
    namespace = typeof m.namespace === 'string' && m.namespace !== '' ? m.namespace : 'default';
    for (const msg of isDns1123Label(namespace)) r.invalid([...base, 'namespace'], namespace, msg);
  }

  const labels: Record<string, string> = {};
  if (isPlainObject(m.labels)) {
    for (const [k, v] of Object.entries(m.labels)) labels[k] = typeof v === 'string' ? v : '';
    validateLabels(labels, [...base, 'labels'], r);
  }
  if (isPlainObject(m.annotations)) {
    for (const k of Object.keys(m.annotations)) {
      for (const msg of isQualifiedName(k.toLowerCase())) r.invalidKey([...base, 'annotations'], k, msg);
    }
  }

  const ownerReferences: OwnerRef[] = [];
  if (Array.isArray(m.ownerReferences)) {
    for (const o of m.ownerReferences) {
      if (!isPlainObject(o)) continue;
      ownerReferences.push({
        kind: typeof o.kind === 'string' ? o.kind : '',
        name: typeof o.name === 'string' ? o.name : '',
        uid: typeof o.uid === 'string' && o.uid !== '' ? o.uid : undefined,
      });
    }
  }
  const uid = typeof m.uid === 'string' && m.uid !== '' ? m.uid : undefined;
  return { name, namespace, labels, uid, ownerReferences };
}

export const dnsSubdomainName: NameRule = isDns1123Subdomain;
export const dnsLabelName: NameRule = isDns1123Label;
