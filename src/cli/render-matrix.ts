// The matrix as a readable grid: rows are sources, columns destinations, one grid per probe.
// Marks carry the meaning ("✓" allowed, "✗" denied, "·" self); colour only repeats it.
// The grid is produced line by line and written with back-pressure: 10 Deployments of 1,000
// replicas are a 10,000-pod grid, which as one string took minutes and gigabytes. A grid that
// no terminal can show is refused with a pointer to -o json, which streams any size.
import type { Engine } from '../core/engine/engine.js';
import { probeKey, type Probe } from '../core/engine/types.js';
import { ChunkedWriter, type Paint } from './io.js';
import type { Writable } from 'node:stream';
import { ConnectionEvaluator } from '../core/reach/connections.js';
import { connectionText } from '../core/reach/ports.js';

/** Cells (pods x pods x probes) beyond which a table is refused: 1,000 pods on one port. */
export const MAX_TABLE_CELLS = 1_000_000;

/** Why the table is too big to print, or undefined when it fits. */
export function tableTooLarge(pods: number, probes: number, max = MAX_TABLE_CELLS): string | undefined {
  const cells = pods * pods * Math.max(1, probes);
  if (cells <= max) return undefined;
  return (
    `the table would have ${cells.toLocaleString('en-US')} cells (${pods} pods x ${pods} pods x ${probes} probe${probes === 1 ? '' : 's'}), ` +
    `more than a terminal can show (${max.toLocaleString('en-US')}): use -o json (it streams any size), or narrow it with --namespace or --port`
  );
}

export function* matrixTableLines(engine: Engine, rows: number[], probes: Probe[], paint: Paint): Generator<string> {
  const ids = rows.map((i) => engine.endpoints[i].id);
  // Short ids fit as column headers; long ones are numbered with a legend.
  const numbered = ids.some((id) => id.length > 8);
  const headers = numbered ? ids.map((_, k) => String(k + 1)) : ids;
  let colWidth = 1;
  for (const h of headers) colWidth = Math.max(colWidth, h.length);
  colWidth += 1;
  const rowLabel = ids.map((id, k) => (numbered ? `${String(k + 1).padStart(String(ids.length).length)} ${id}` : id));
  let labelWidth = 8;
  for (const l of rowLabel) labelWidth = Math.max(labelWidth, l.length);
  labelWidth += 1;
  const self = '·'.padStart(colWidth);
  const allowed = paint('green', '✓'.padStart(colWidth));
  const denied = paint('red', '✗'.padStart(colWidth));
  const header = headers.map((h) => h.padStart(colWidth)).join('');
  for (const probe of probes) {
    // Whole rows: the source's reachable set, one bit test per cell.
    const rowOf = engine.rowsForProbe(probe);
    yield paint('bold', `${probeKey(probe)}`.padEnd(labelWidth) + header);
    for (let a = 0; a < rows.length; a++) {
      const parts = [rowLabel[a].padEnd(labelWidth)];
      const reach = rowOf(rows[a]);
      for (let b = 0; b < rows.length; b++) parts.push(a === b ? self : reach.has(rows[b]) ? allowed : denied);
      yield parts.join('');
    }
    yield '';
  }
  yield '✓ allowed   ✗ denied   · same pod (not probed)   rows: from, columns: to';
}

/** The whole grid as one string (small matrices, tests). */
export function renderMatrixTable(engine: Engine, rows: number[], probes: Probe[], paint: Paint): string {
  return [...matrixTableLines(engine, rows, probes, paint)].join('\n') + '\n';
}

/** Writes the grid row by row, waiting for the stream to drain. */
export async function writeMatrixTable(out: Writable, engine: Engine, rows: number[], probes: Probe[], paint: Paint): Promise<void> {
  const w = new ChunkedWriter(out, 1 << 16);
  for (const line of matrixTableLines(engine, rows, probes, paint)) await w.write(line + '\n');
  await w.flush();
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
