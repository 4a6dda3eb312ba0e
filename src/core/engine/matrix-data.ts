// The matrix as data: one result per probe and ordered pair of distinct endpoints, the
// contract of `matrix -o json|yaml` and of the library's matrix().
import type { Engine } from './engine.js';
import { probeKey, type Probe } from './types.js';
import type { Protocol } from '../model.js';

export interface MatrixResult {
  pods: string[];
  probes: string[];
  results: { from: string; to: string; port: number; protocol: Protocol; allowed: boolean }[];
}

/** `rows` are endpoint indices (both rows and columns). */
export function matrixData(engine: Engine, rows: readonly number[], probes: readonly Probe[]): MatrixResult {
  const results: MatrixResult['results'] = [];
  for (const probe of probes) {
    const cell = engine.forProbe(probe);
    for (const a of rows) {
      for (const b of rows) {
        if (a !== b) results.push({ from: engine.endpoints[a].id, to: engine.endpoints[b].id, port: probe.port, protocol: probe.protocol, allowed: cell(a, b) });
      }
    }
  }
  return { pods: rows.map((i) => engine.endpoints[i].id), probes: probes.map(probeKey), results };
}
