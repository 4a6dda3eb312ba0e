// Shared helpers for the manifest tests: load one file, read findings as printed lines.
import { formatFinding, type Finding } from '../../src/core/findings.js';
import { loadManifests, type LoadResult } from '../../src/core/manifest/load.js';

export function load(text: string, file = 'test.yaml', podCidr?: string): LoadResult {
  return loadManifests([{ file, text }], podCidr ? { podCidr } : {});
}

export function lines(findings: Finding[], severity?: Finding['severity']): string[] {
  return findings.filter((f) => !severity || f.severity === severity).map(formatFinding);
}

/** Printed error lines of loading `text` as test.yaml. */
export function errors(text: string): string[] {
  return lines(load(text).findings, 'error');
}

export function warnings(text: string): string[] {
  return lines(load(text).findings, 'warning');
}

/** A NetworkPolicy document whose spec starts on line 5 (spec: is line 4). */
export function policy(spec: string, name = 'np'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: app}\nspec:\n${spec}`;
}
