// After the first frame: the practice screens (one lazily imported module), the bank and the
// store. Until they are in, every screen but home shows that it is loading.
import { useEffect, useState } from 'react';
import type { PracticeData, PracticeServices } from './practice/services.js';
import type { ProgressSummary } from './screens/Home.js';

type PracticeModule = typeof import('./practice/screens.js');

export interface Loaded {
  ui: PracticeModule;
  data: PracticeData;
}

export function summaryOf(data: PracticeData): ProgressSummary {
  const s = data.store.summary();
  return { passed: s.passed, attempted: s.attempted, total: data.bank.scenarios.length, ...(s.examBest === null ? {} : { examBest: s.examBest }) };
}

export function usePracticeLoad(services: PracticeServices | undefined) {
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [summary, setSummary] = useState<ProgressSummary | undefined>();
  useEffect(() => {
    if (!services) return;
    let live = true;
    const t = setTimeout(() => {
      Promise.all([import('./practice/screens.js'), services.load()])
        .then(([ui, data]) => {
          if (!live) return;
          setLoaded({ ui, data });
          setSummary(summaryOf(data));
        })
        .catch((e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)));
    }, 60);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [services]);
  return { loaded, loadError, summary, setSummary };
}
