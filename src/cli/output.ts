// -o json / -o yaml: the same data in either form, as kubectl prints it.
import { stringify } from 'yaml';
import type { Io } from './io.js';

export async function writeData(io: Io, format: 'json' | 'yaml', data: unknown): Promise<void> {
  if (format === 'json') {
    io.stdout.write(JSON.stringify(data, null, 2) + '\n');
    return;
  }
  // Block style throughout, no line folding, no anchors: a diff-friendly dump.
  io.stdout.write(stringify(data, { lineWidth: 0, aliasDuplicateObjects: false }));
}
