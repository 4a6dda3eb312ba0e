// Namespaces a policy needs but the input does not hold. `kubectl apply` refuses such a
// policy (the namespace must exist first); a dump that holds pods or Namespace objects
// describes a cluster, so a policy outside its namespaces is worth a warning, not silence.
import type { Finding } from '../findings.js';
import type { LoadResult } from './load.js';

/** Namespaces the API server creates itself: a policy there always applies. */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function missingNamespaceFindings(result: Pick<LoadResult, 'objects' | 'policies'>): Finding[] {
  const held = new Set<string>(SYSTEM_NAMESPACES);
  let describesCluster = false;
  for (const o of result.objects) {
    if (o.kind === 'NetworkPolicy') continue;
    describesCluster = true;
    held.add(o.kind === 'Namespace' ? o.name : o.namespace);
  }
  // A file of policies alone says nothing about which namespaces exist.
  if (!describesCluster) return [];
  const out: Finding[] = [];
  for (const p of result.policies) {
    if (held.has(p.namespace)) continue;
    const src = p.source ?? { file: '', line: 0, col: 0 };
    // kubectl names a file as given, and standard input as STDIN.
    const file = src.file === '<stdin>' ? 'STDIN' : src.file;
    out.push({
      severity: 'warning',
      file: src.file,
      line: src.line,
      col: src.col,
      path: 'metadata.namespace',
      message:
        `the input holds no namespace ${JSON.stringify(p.namespace)}; kubectl apply would say: ` +
        `Error from server (NotFound): error when creating ${JSON.stringify(file)}: namespaces ${JSON.stringify(p.namespace)} not found`,
    });
  }
  return out;
}
