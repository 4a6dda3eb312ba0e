// What the practice screens need from outside the terminal: the exercise bank and the progress
// store, opened lazily after the first frame (neither is needed to draw the home screen).
// Tests inject their own (a temporary store directory, the repository's bank).
import type { Bank } from '../../core/bank/bank.js';
import type { ProgressStore } from '../../store/progress-store.js';
import { DraftSaver } from './draft-saver.js';

export interface PracticeData {
  bank: Bank;
  store: ProgressStore;
  drafts: DraftSaver;
  /** Other savers with pending writes (a running exam's drafts); flushed on every way out too. */
  savers: Set<{ flush(): Promise<void> }>;
  /** One-line messages from the store (a corrupt file set aside, a lock waited for). */
  notices: string[];
}

export interface PracticeServices {
  load(): Promise<PracticeData>;
  /** Writes pending drafts; called on every way out. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** exercises/ directory; default $NETPOL_DOJO_EXERCISES, else the repository's. */
  exercisesDir?: string;
  /** progress directory; default $NETPOL_DOJO_SCORES, else <repo>/scores. */
  scoresDir?: string;
  /** An already opened store (tests). */
  store?: ProgressStore;
  env?: NodeJS.ProcessEnv;
}

export function practiceServices(options: ServiceOptions = {}): PracticeServices {
  const env = options.env ?? process.env;
  let loading: Promise<PracticeData> | undefined;
  return {
    load() {
      loading ??= (async () => {
        const notices: string[] = [];
        const [{ loadBank }, storeModule] = await Promise.all([
          import('../../core/bank/load-dir.js'),
          options.store ? Promise.resolve(undefined) : import('../../store/progress-store.js'),
        ]);
        const bank = loadBank(options.exercisesDir ?? (env.NETPOL_DOJO_EXERCISES || undefined));
        const dir = options.scoresDir ?? (env.NETPOL_DOJO_SCORES || undefined);
        const store = options.store ?? (await storeModule!.openStore({ ...(dir ? { dir } : {}), onNotice: (m) => notices.push(m) }));
        return { bank, store, drafts: new DraftSaver(store), savers: new Set(), notices };
      })();
      return loading;
    },
    async close() {
      if (!loading) return;
      try {
        const data = await loading;
        await Promise.all([data.drafts.flush(), ...[...data.savers].map((s) => s.flush())]);
      } catch {
        // Nothing was loaded, so nothing is pending.
      }
    },
  };
}
