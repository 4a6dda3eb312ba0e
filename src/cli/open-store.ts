// The progress store as every command opens it: $NETPOL_DOJO_SCORES (relative to the
// command's cwd) or <repo>/scores, with the store's one-line notices on stderr.
import type { Io } from './io.js';

export async function openCliStore(io: Io) {
  const { openStore, resolveScoresDir } = await import('../store/progress-store.js');
  return openStore({ dir: resolveScoresDir({ env: io.env, cwd: io.cwd }), onNotice: (m) => io.stderr.write(m + '\n') });
}
