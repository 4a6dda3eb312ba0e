// Stats: per topic attempts, pass rate and median time; the exam history bar chart; the streak.
// The same report as `netpol-dojo stats`, drawn without colour codes (Ink does the styling).
import React, { useEffect, useMemo, useReducer } from 'react';
import { Box } from 'ink';
import { useKeys } from '../input/use-keys.js';
import { commandOf } from '../input/keymap.js';
import { STATS_KEYMAP, STATS_KEYS } from './keymaps.js';
import { ScrollLines, clampScroll } from '../components/ScrollLines.js';
import { buildStats } from '../../core/training/stats.js';
import { statsText } from '../../core/training/stats-text.js';
import type { PracticeData } from '../practice/services.js';
import type { ScreenKeys } from '../input/keymap.js';
import { useClock } from '../clock.js';

export function Stats(props: {
  data: PracticeData;
  width: number;
  height: number;
  isActive: boolean;
  onBack: () => void;
  onQuit: () => void;
  onHelp: () => void;
  onKeys: (k: ScreenKeys) => void;
}) {
  const { data, width, height } = props;
  const clock = useClock();
  const [top, scroll] = useReducer((t: number, d: number | 'home') => (d === 'home' ? 0 : Math.max(0, t + d)), 0);
  const lines = useMemo(() => {
    const report = buildStats({ attempts: data.store.attempts(), exams: data.store.exams() }, data.bank.scenarios, new Date(clock.now()));
    return statsText(report, { width: Math.min(width - 1, 100) })
      .trimEnd()
      .split('\n')
      .map((text) => ({ text }));
  }, [data, clock, width]);
  const { onKeys } = props;
  useEffect(() => onKeys(STATS_KEYS), [onKeys]);
  const page = Math.max(1, height - 2);
  useKeys(
    (key) => {
      switch (commandOf(STATS_KEYMAP, key)) {
        case 'back':
          return props.onBack();
        case 'quit':
          return props.onQuit();
        case 'help':
          return props.onHelp();
        case 'lineUp':
          return scroll(-1);
        case 'lineDown':
          return scroll(1);
        case 'pageUp':
          return scroll(-page);
        case 'pageDown':
          return scroll(page);
        case 'top':
          return scroll('home');
      }
    },
    { isActive: props.isActive, splitText: true },
  );
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1}>
      <ScrollLines lines={lines} top={clampScroll(top, lines.length, height)} width={width - 1} height={height} />
    </Box>
  );
}
