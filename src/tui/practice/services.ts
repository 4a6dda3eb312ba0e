// What the practice screens need from outside the terminal: the exercise bank and the progress
// log, opened lazily after the first frame (neither is needed to draw the home screen). The
// command that opens the trainer says how the progress log is opened (the CLI's store); tests
// inject their own (a store in a temporary directory, the repository's bank).
import type { Bank } from '../../core/bank/bank.js';
import type { ScenarioSummary } from '../../core/bank/bank-index.js';
import { prebuiltSummaries } from '../../core/bank/prebuilt-index.js';
import type { ProgressLog } from '../../core/training/progress-log.js';
import { DraftSaver } from './draft-saver.js';
import { NoticeBoard } from './notices.js';

/** What Home and the practice browser need: the bank's summaries and the progress log, no YAML, no engine. */
export interface HomeData {
  /** Sorted by id, as the bank's scenarios. */
  summaries: ScenarioSummary[];
  store: ProgressLog;
  notices: NoticeBoard;
}

export interface PracticeData {
  bank: Bank;
  store: ProgressLog;
  drafts: DraftSaver;
  /** Other savers with pending writes (a running exam's drafts); flushed on every way out too. */
  savers: Set<{ flush(): Promise<void>; flushSync?(): number }>;
  /** One-line messages from the store (a corrupt file set aside, a lock waited for, a draft not written). */
  notices: NoticeBoard;
}

export interface PracticeServices {
  /** The summaries from the prebuilt index (the YAML is parsed only when it does not match) and the store. */
  home(): Promise<HomeData>;
  /** Everything the exercises need: the full bank (with the parser and engine modules behind it). */
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
  const exercisesDir = options.exercisesDir ?? (env.NETPOL_DOJO_EXERCISES || undefined);
  const notices = new NoticeBoard();
  let opening: Promise<ProgressLog> | undefined;
  let homing: Promise<HomeData> | undefined;
  let loading: Promise<PracticeData> | undefined;
  let loaded: PracticeData | undefined;
  // The store opens once (file I/O), for Home as for the exercises.
  const openStore = () => {
    opening ??= options.store
      ? Promise.resolve(options.store)
      : options.openProgress
        ? options.openProgress((m) => notices.push(m.replace(/^netpol-dojo: /, '')))
        : Promise.reject(new Error('no progress store was given to the trainer'));
    return opening;
  };
  return {
    home() {
      homing ??= (async () => {
        const store = openStore();
        store.catch(() => {}); // awaited below; a bank error must not leave it unhandled
        let summaries = prebuiltSummaries(exercisesDir);
        if (!summaries) {
          // No prebuilt index (tests, tsx) or an edited exercise: the parser's summaries.
          const { loadBankSummaries } = await import('../../core/bank/load-dir.js');
          summaries = loadBankSummaries(exercisesDir).summaries;
        }
        return { summaries, store: await store, notices };
      })();
      return homing;
    },
    load() {
      loading ??= (async () => {
        const opened = openStore();
        opened.catch(() => {}); // awaited below; a bank error must not leave it unhandled
        const { loadBank } = await import('../../core/bank/load-dir.js');
        const bank = loadBank(exercisesDir);
        const store = await opened;
        // A draft that cannot be written (a full disk) is said, not swallowed.
        const drafts = new DraftSaver(store, undefined, (m) => notices.push(m, true));
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
