import type { Io } from '../io.js';
import { UsageError } from '../args.js';

export async function whyCommand(_argv: string[], _io: Io): Promise<number> {
  throw new UsageError('why: being built');
}
