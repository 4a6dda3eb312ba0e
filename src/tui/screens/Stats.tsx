// Stats: per topic attempts, pass rate and median time; the exam history bar chart; the streak.
// The same report as `netpol-dojo stats`, drawn without colour codes (Ink does the styling).
import React, { useEffect, useMemo, useReducer } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyHints } from '../components/KeyHelp.js';
import { ScrollLines, clampScroll } from '../components/ScrollLines.js';
import { buildStats } from '../../core/training/stats.js';
import { statsText } from '../../core/training/stats-text.js';
import type { PracticeData } from '../practice/services.js';
import type { ScreenKeys } from './Session.js';
import { useClock } from '../clock.js';

const STATS_KEYS: KeyHints = [['↑/↓ PgUp/PgDn', 'scroll'], ['Esc', 'home'], ['?', 'help'], ['q', 'quit']];
const STATS_HELP: KeyHints = [
  ['↑ ↓ / j k', 'scroll a line'],
  ['PgUp PgDn / Space', 'scroll a page'],
  ['Esc', 'home'],
  ['█ ░ |', 'exam score bar / the rest / the 66% pass mark'],
  ['q / Ctrl+C', 'quit'],
];
export const STATS_SCREEN_KEYS: ScreenKeys = { footer: STATS_KEYS, help: STATS_HELP };

export function Stats(props: { data: PracticeData; width: number; height: number; isActive: boolean; onBack: () => void; onQuit: () => void; onHelp: () => void; onKeys: (k: ScreenKeys) => void }) {
  const { data, width, height } = props;
  const clock = useClock();
  const [top, scroll] = useReducer((t: number, d: number | 'home') => (d === 'home' ? 0 : Math.max(0, t + d)), 0);
  const lines = useMemo(() => {
    const report = buildStats({ attempts: data.store.attempts(), exams: data.store.exams() }, data.bank.scenarios, new Date(clock.now()));
    return statsText(report, { width: Math.min(width - 1, 100) }).trimEnd().split('\n').map((text) => ({ text }));
  }, [data, clock, width]);
  const { onKeys } = props;
  useEffect(() => onKeys(STATS_SCREEN_KEYS), [onKeys]);
  const page = Math.max(1, height - 2);
  useKeys((key) => {
    const ch = key.name === 'char' ? key.text : '';
    if (key.name === 'escape') props.onBack();
    else if (ch === 'q') props.onQuit();
    else if (ch === '?' || key.name === 'f1') props.onHelp();
    else if (key.name === 'up' || ch === 'k') scroll(-1);
    else if (key.name === 'down' || ch === 'j') scroll(1);
    else if (key.name === 'pageUp') scroll(-page);
    else if (key.name === 'pageDown' || ch === ' ') scroll(page);
    else if (key.name === 'home' || ch === 'g') scroll('home');
  }, { isActive: props.isActive, splitText: true });
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1}>
      <ScrollLines lines={lines} top={clampScroll(top, lines.length, height)} width={width - 1} height={height} />
    </Box>
  );
}
