import type { Io } from '../io.js';
import { UsageError } from '../args.js';

export async function matrixCommand(_argv: string[], _io: Io): Promise<number> {
  throw new UsageError('matrix: being built');
}
