// The matrix as a readable grid: rows are sources, columns destinations, one grid per probe.
// Marks carry the meaning ("✓" allowed, "✗" denied, "·" self); colour only repeats it.
import type { Engine } from '../core/engine/engine.js';
import { probeKey, type Probe } from '../core/engine/types.js';
import type { Paint } from './io.js';
import { ConnectionEvaluator } from '../core/reach/connections.js';
import { connectionText } from '../core/reach/ports.js';

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

/** One grid of connection sets: each cell says which protocols and ports get through. */
export function renderConnectionsTable(engine: Engine, rows: number[], paint: Paint): string {
  const ev = new ConnectionEvaluator(engine);
  const ids = rows.map((i) => engine.endpoints[i].id);
  const texts = rows.map((from, a) => rows.map((to, b) => (a === b ? '·' : connectionText(ev.connections(from, to)))));
  const headers = ids.map((_, k) => String(k + 1));
  const width = rows.map((_, b) => Math.max(headers[b].length, ...texts.map((r) => r[b].length)) + 2);
  const rowLabel = ids.map((id, k) => `${String(k + 1).padStart(String(ids.length).length)} ${id}`);
  const labelWidth = Math.max(...rowLabel.map((l) => l.length), 8) + 1;
  const lines = [paint('bold', 'from \\ to'.padEnd(labelWidth) + headers.map((h, b) => h.padEnd(width[b])).join('').trimEnd())];
  texts.forEach((cells, a) => {
    let line = rowLabel[a].padEnd(labelWidth);
    cells.forEach((t, b) => {
      const padded = b === cells.length - 1 ? t : t.padEnd(width[b]);
      line += t === 'none' ? paint('red', padded) : t === 'all' ? paint('green', padded) : t === '·' ? padded : paint('yellow', padded);
    });
    lines.push(line);
  });
  lines.push('');
  lines.push('all: every port of TCP, UDP and SCTP   none: nothing gets through   · same pod   rows: from, columns: to');
  return lines.join('\n') + '\n';
}
