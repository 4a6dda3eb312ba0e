// Strict field checks, as `kubectl apply` with strict field validation: unknown fields
// and wrong types are errors naming the field path. A tiny schema language describes the
// shapes we read. `null` is "not set" everywhere, as in Kubernetes' JSON decoding.
//
// Strictness by kind (a deliberate choice): NetworkPolicy, Namespace and List are checked
// against their whole schema. Pod, workloads and Service have huge schemas of which we read
// a few fields: for them we check ObjectMeta, the fields we read and container ports[]
// entries strictly, and leave the rest of their spec/status open (`open: true`).
import type { FieldPath } from './yaml-documents.js';
import type { Reporter } from './report.js';

export type Schema =
  | { type: 'string' }
  | { type: 'integer' }
  | { type: 'boolean' }
  | { type: 'intOrString' }
  | { type: 'any' }
  | { type: 'stringMap' }
  | { type: 'list'; items: Schema }
  | { type: 'object'; fields: Record<string, Schema>; open?: boolean };

export const str: Schema = { type: 'string' };
export const int: Schema = { type: 'integer' };
export const bool: Schema = { type: 'boolean' };
export const intOrString: Schema = { type: 'intOrString' };
export const any: Schema = { type: 'any' };
export const stringMap: Schema = { type: 'stringMap' };
export const list = (items: Schema): Schema => ({ type: 'list', items });
export const object = (fields: Record<string, Schema>): Schema => ({ type: 'object', fields });
/** An object whose other fields we neither read nor check. */
export const openObject = (fields: Record<string, Schema>): Schema => ({ type: 'object', fields, open: true });

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeDetail(s: Schema): string {
  switch (s.type) {
    case 'string':
      return 'must be a string';
    case 'integer':
      return 'must be an integer';
    case 'boolean':
      return 'must be a boolean';
    case 'intOrString':
      return 'must be an integer or a string';
    case 'list':
      return 'must be a list';
    default:
      return 'must be an object';
  }
}

/**
 * Check `value` against `schema`, reporting every unknown field and wrong type.
 * Returns true when the value has the declared shape (so readers may trust the types).
 */
export function checkSchema(value: unknown, schema: Schema, path: FieldPath, r: Reporter): boolean {
  if (value === null || value === undefined) return true;
  const bad = (): false => {
    r.invalid(path, value, typeDetail(schema));
    return false;
  };
  switch (schema.type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string' || bad();
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || bad();
    case 'boolean':
      return typeof value === 'boolean' || bad();
    case 'intOrString':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) || bad();
    case 'stringMap': {
      if (!isPlainObject(value)) return bad();
      let ok = true;
      for (const [k, v] of Object.entries(value)) {
        if (v !== null && typeof v !== 'string') {
          r.invalid([...path, k], v, 'must be a string');
          ok = false;
        }
      }
      return ok;
    }
    case 'list': {
      if (!Array.isArray(value)) return bad();
      let ok = true;
      value.forEach((item, i) => {
        if (!checkSchema(item, schema.items, [...path, i], r)) ok = false;
      });
      return ok;
    }
    case 'object': {
      if (!isPlainObject(value)) return bad();
      let ok = true;
      for (const [k, v] of Object.entries(value)) {
        const field = Object.hasOwn(schema.fields, k) ? schema.fields[k] : undefined; // not Object's members
        if (field) {
          if (!checkSchema(v, field, [...path, k], r)) ok = false;
        } else if (!schema.open) {
          r.unknownField([...path, k]);
          ok = false;
        }
      }
      return ok;
    }
  }
}

// ---- shapes shared by several kinds ----

const ownerReference = object({
  apiVersion: str,
  kind: str,
  name: str,
  uid: str,
  controller: bool,
  blockOwnerDeletion: bool,
});

export const objectMeta = object({
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: int,
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: int,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: list(ownerReference),
  finalizers: list(str),
  managedFields: any,
});

const labelSelector = object({
  matchLabels: stringMap,
  matchExpressions: list(object({ key: str, operator: str, values: list(str) })),
});

// ---- NetworkPolicy (networking.k8s.io/v1), fully strict ----

const policyPeer = object({
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: object({ cidr: str, except: list(str) }),
});
const policyPort = object({ protocol: str, port: intOrString, endPort: int });

export const networkPolicySchema = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: object({
    podSelector: labelSelector,
    policyTypes: list(str),
    ingress: list(object({ from: list(policyPeer), ports: list(policyPort) })),
    egress: list(object({ to: list(policyPeer), ports: list(policyPort) })),
  }),
  // NetworkPolicy has had no status since 1.28; `status: {}` from old dumps is harmless.
  status: object({}),
});

// ---- Namespace and List (v1), fully strict ----

export const namespaceSchema = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: object({ finalizers: list(str) }),
  status: object({ phase: str, conditions: any }),
});

export const listSchema = object({
  apiVersion: str,
  kind: str,
  metadata: object({ resourceVersion: str, selfLink: str, continue: str, remainingItemCount: int }),
  items: list(any),
});

// ---- Pod, workloads, Service: strict on what we read, open elsewhere ----

export const containerPortSchema = object({ containerPort: int, name: str, protocol: str, hostPort: int, hostIP: str });

const podSpec = openObject({
  containers: list(openObject({ name: str, ports: list(containerPortSchema) })),
  // restartPolicy: Always makes an init container a sidecar, whose ports serve like any container's.
  initContainers: list(openObject({ name: str, restartPolicy: str, ports: list(containerPortSchema) })),
  hostNetwork: bool,
});

export const podSchema = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: podSpec,
  status: openObject({ phase: str, podIP: str, podIPs: list(object({ ip: str })), hostIP: str, hostIPs: list(object({ ip: str })) }),
});

export const workloadSchema = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: openObject({
    replicas: int,
    parallelism: int,
    completions: int,
    template: object({ metadata: objectMeta, spec: podSpec }),
  }),
  status: any,
});

export const serviceSchema = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: openObject({
    selector: stringMap,
    clusterIP: str,
    clusterIPs: list(str),
    externalIPs: list(str),
    ports: list(object({ name: str, protocol: str, appProtocol: str, port: int, targetPort: intOrString, nodePort: int })),
  }),
  status: any,
});
