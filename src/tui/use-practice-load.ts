// What the screens load, in two stages. Home and the practice browser need only the bank's
// summaries (the prebuilt index) and the progress log: `home`, loaded at once (start.tsx has it
// before the first frame). The exercises, the exam, review and stats need the full bank and the
// practice screens' module (grader, engine, YAML parser): `loaded`, only once a screen other
// than home is open. Until then those screens show that they are loading.
import { useEffect, useState } from 'react';
import type { HomeData, PracticeData, PracticeServices } from './practice/services.js';
import type { ProgressSummary } from './screens/Home.js';

type PracticeModule = typeof import('./practice/screens.js');

export interface Loaded {
  ui: PracticeModule;
  data: PracticeData;
}

export function summaryOf(home: HomeData): ProgressSummary {
  const steps = new Map(home.summaries.map((x) => [x.id, x.steps]));
  const s = home.store.summary((id) => steps.get(id) ?? 1);
  return { passed: s.passed, attempted: s.attempted, total: home.summaries.length, ...(s.examBest === null ? {} : { examBest: s.examBest }) };
}

const PREFETCH_MS = 300;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * `initialHome`: the home data when the caller already has it (the first frame then shows the
 * summary). `full`: whether the full bank and the practice screens are wanted now; `prefetch`:
 * whether they will likely be wanted soon (the browser is open).
 */
export function usePracticeLoad(services: PracticeServices | undefined, full: boolean, prefetch: boolean, initialHome?: HomeData) {
  const [home, setHome] = useState<HomeData | undefined>(initialHome);
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [summary, setSummary] = useState<ProgressSummary | undefined>(() => initialHome && summaryOf(initialHome));

  useEffect(() => {
    if (!services || home) return;
    let live = true;
    services
      .home()
      .then((h) => {
        if (!live) return;
        setHome(h);
        setSummary(summaryOf(h));
      })
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, [services, home]);

  // Once asked for, the full load goes on even if the learner goes back home meanwhile.
  const [asked, setAsked] = useState(full);
  if (full && !asked) setAsked(true);
  // In the browser it is fetched ahead, a moment after the list is on screen (loading it at once
  // would hold back the list's frame), so that an exercise opens without waiting. Only a
  // prefetch: opening a screen that needs it asks for it at once.
  useEffect(() => {
    if (!prefetch || asked) return;
    const t = setTimeout(() => setAsked(true), PREFETCH_MS);
    return () => clearTimeout(t);
  }, [prefetch, asked]);
  const wanted = asked && !loaded && !loadError;
  useEffect(() => {
    if (!services || !wanted) return;
    let live = true;
    Promise.all([import('./practice/screens.js'), services.load()])
      .then(([ui, data]) => live && setLoaded({ ui, data }))
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, [services, wanted]);

  return { home, loaded, loadError, summary, setSummary };
}
