// The manifest layer in one import: text -> YAML documents -> validated objects -> Cluster.
export * from './yaml-documents.js';
export * from './validate-policy.js';
export * from './objects.js';
export * from './cluster.js';
export * from './names.js';
export { Reporter, showValue } from './report.js';
export { checkSchema, type Schema } from './schema.js';
export { readObjectMeta, validateLabels, type ObjectMetaInfo, type OwnerRef } from './meta.js';
export { loadManifests, hasErrors, KIND_API_VERSIONS, type ManifestInput, type LoadedObject, type LoadResult, type LoadOptions } from './load.js';
