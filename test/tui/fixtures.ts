// Data the TUI tests render with, loaded before the app mounts: the bank is parsed once per
// worker and the lazily imported practice screens are already in the module cache, so that no
// test races a cold load (about a second on a busy 2-core machine).
import path from 'node:path';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { practiceServices, type PracticeServices } from '../../src/tui/practice/services.js';
import type { ProgressStore } from '../../src/store/progress-store.js';

export const EXERCISES = path.resolve(__dirname, '../../exercises');

/** The repository's bank (parsed once per worker). */
export const bank = () => loadBank(EXERCISES);

/** Services whose load() has already resolved: the app shows its data on the first load. */
export async function loadedServices(store: ProgressStore): Promise<PracticeServices> {
  await import('../../src/tui/practice/screens.js');
  const services = practiceServices({ store, exercisesDir: EXERCISES });
  await services.load();
  return services;
}
