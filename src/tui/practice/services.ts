// What the practice screens need from outside the terminal: the exercise bank and the progress
// log, opened lazily after the first frame (neither is needed to draw the home screen). The
// command that opens the trainer says how the progress log is opened (the CLI's store); tests
// inject their own (a store in a temporary directory, the repository's bank).
import type { Bank } from '../../core/bank/bank.js';
import type { ProgressLog } from '../../core/training/progress-log.js';
import { DraftSaver } from './draft-saver.js';

export interface PracticeData {
  bank: Bank;
  store: ProgressLog;
  drafts: DraftSaver;
  /** Other savers with pending writes (a running exam's drafts); flushed on every way out too. */
  savers: Set<{ flush(): Promise<void>; flushSync?(): number }>;
  /** One-line messages from the store (a corrupt file set aside, a lock waited for). */
  notices: string[];
}

export interface PracticeServices {
  load(): Promise<PracticeData>;
  /** Writes pending drafts; called on every way out. */
  close(): Promise<void>;
  /** Writes pending drafts synchronously: a signal is ending the process. */
  closeSync(): void;
}

/** Opens the progress log; its one-line notices (a corrupt file set aside) go to `onNotice`. */
export type OpenProgress = (onNotice: (message: string) => void) => Promise<ProgressLog>;

export interface ServiceOptions {
  /** exercises/ directory; default $NETPOL_DOJO_EXERCISES, else the repository's. */
  exercisesDir?: string;
  /** An already opened progress log (tests). */
  store?: ProgressLog;
  /** How to open the progress log when none is given. */
  openProgress?: OpenProgress;
  env?: NodeJS.ProcessEnv;
}

export function practiceServices(options: ServiceOptions = {}): PracticeServices {
  const env = options.env ?? process.env;
  let loading: Promise<PracticeData> | undefined;
  let loaded: PracticeData | undefined;
  return {
    load() {
      loading ??= (async () => {
        const notices: string[] = [];
        // The store opens (file I/O) while the bank parses.
        const opening = options.store
          ? Promise.resolve(options.store)
          : options.openProgress
            ? options.openProgress((m) => notices.push(m))
            : Promise.reject(new Error('no progress store was given to the trainer'));
        opening.catch(() => {}); // awaited below; a bank error must not leave it unhandled
        const { loadBank } = await import('../../core/bank/load-dir.js');
        const bank = loadBank(options.exercisesDir ?? (env.NETPOL_DOJO_EXERCISES || undefined));
        const store = await opening;
        // A draft that cannot be written (a full disk) is said, not swallowed.
        const drafts = new DraftSaver(store, undefined, (m) => m && notices.push(m));
        loaded = { bank, store, drafts, savers: new Set(), notices };
        return loaded;
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
    closeSync() {
      if (!loaded) return;
      loaded.drafts.flushSync();
      for (const s of loaded.savers) s.flushSync?.();
    },
  };
}
