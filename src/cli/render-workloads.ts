// matrix --by workload as a grid: rows and columns are workloads with their pod counts.
// "~" marks a cell that differs between pods of one workload (mixed).
import type { Engine } from '../core/engine/engine.js';
import { probeKey, type Probe } from '../core/engine/types.js';
import { ConnectionEvaluator } from '../core/reach/connections.js';
import { connectionText } from '../core/reach/ports.js';
import { aggregateConnections, aggregateProbe, workloadLabel, type Workload } from '../core/workload/workloads.js';
import type { Paint } from './io.js';

function grid(labels: string[], cells: string[][], paint: Paint, head: string, color: (t: string) => 'green' | 'red' | 'yellow' | undefined): string[] {
  const headers = labels.map((_, k) => String(k + 1));
  const width = headers.map((h, b) => Math.max(h.length, ...cells.map((r) => r[b].length)) + 2);
  const rowLabel = labels.map((l, k) => `${String(k + 1).padStart(String(labels.length).length)} ${l}`);
  const labelWidth = Math.max(...rowLabel.map((l) => l.length), head.length) + 1;
  const lines = [paint('bold', head.padEnd(labelWidth) + headers.map((h, b) => h.padEnd(width[b])).join('').trimEnd())];
  cells.forEach((row, a) => {
    let line = rowLabel[a].padEnd(labelWidth);
    row.forEach((t, b) => {
      const padded = b === row.length - 1 ? t : t.padEnd(width[b]);
      const c = color(t);
      line += c ? paint(c, padded) : padded;
    });
    lines.push(line);
  });
  return lines;
}

export function renderWorkloadMatrix(engine: Engine, workloads: Workload[], probes: Probe[], paint: Paint): string {
  const labels = workloads.map(workloadLabel);
  const lines: string[] = [];
  for (const probe of probes) {
    const cells = workloads.map((from) =>
      workloads.map((to) => {
        const v = aggregateProbe(engine, from, to, probe);
        return v === undefined ? '·' : v === 'allowed' ? '✓' : v === 'denied' ? '✗' : '~';
      }),
    );
    lines.push(...grid(labels, cells, paint, probeKey(probe), (t) => (t === '✓' ? 'green' : t === '✗' ? 'red' : t === '~' ? 'yellow' : undefined)), '');
  }
  lines.push('✓ allowed   ✗ denied   ~ mixed (differs between pods of a workload)   · one pod, itself   rows: from, columns: to');
  return lines.join('\n') + '\n';
}

export function renderWorkloadConnections(engine: Engine, workloads: Workload[], paint: Paint): string {
  const ev = new ConnectionEvaluator(engine);
  const labels = workloads.map(workloadLabel);
  const cells = workloads.map((from) =>
    workloads.map((to) => {
      const agg = aggregateConnections(ev, from, to);
      if (!agg) return '·';
      return agg.mixed ? `mixed: ${connectionText(agg.all)} .. ${connectionText(agg.some)}` : connectionText(agg.all);
    }),
  );
  const lines = grid(labels, cells, paint, 'from \\ to', (t) => (t === 'none' ? 'red' : t === 'all' ? 'green' : t === '·' ? undefined : 'yellow'));
  lines.push('', 'all: every port of TCP, UDP and SCTP   none: nothing   mixed: A .. B: every pod pair gets A, some get up to B   · one pod, itself');
  return lines.join('\n') + '\n';
}
