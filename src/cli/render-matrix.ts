// The matrix as a readable grid: rows are sources, columns destinations, one grid per probe.
// Marks carry the meaning ("✓" allowed, "✗" denied, "·" self); colour only repeats it.
import type { Engine } from '../core/engine/engine.js';
import { probeKey, type Probe } from '../core/engine/types.js';
import type { Paint } from './io.js';

export function renderMatrixTable(engine: Engine, rows: number[], probes: Probe[], paint: Paint): string {
  const ids = rows.map((i) => engine.endpoints[i].id);
  // Short ids fit as column headers; long ones are numbered with a legend.
  const numbered = ids.some((id) => id.length > 8);
  const headers = numbered ? ids.map((_, k) => String(k + 1)) : ids;
  const colWidth = Math.max(1, ...headers.map((h) => h.length)) + 1;
  const rowLabel = ids.map((id, k) => (numbered ? `${String(k + 1).padStart(String(ids.length).length)} ${id}` : id));
  const labelWidth = Math.max(...rowLabel.map((l) => l.length), 8) + 1;
  const lines: string[] = [];
  for (const probe of probes) {
    const cell = engine.forProbe(probe);
    lines.push(paint('bold', `${probeKey(probe)}`.padEnd(labelWidth) + headers.map((h) => h.padStart(colWidth)).join('')));
    rows.forEach((from, a) => {
      let line = rowLabel[a].padEnd(labelWidth);
      rows.forEach((to, b) => {
        if (a === b) line += '·'.padStart(colWidth);
        else if (cell(from, to)) line += paint('green', '✓'.padStart(colWidth));
        else line += paint('red', '✗'.padStart(colWidth));
      });
      lines.push(line);
    });
    lines.push('');
  }
  lines.push('✓ allowed   ✗ denied   · same pod (not probed)   rows: from, columns: to');
  return lines.join('\n') + '\n';
}
