// The practice browser: the bank grouped by the module's sections, each exercise with its
// kind, difficulty, suggested minutes and status (symbol and colour), `/` to filter.
import React, { useEffect, useMemo, useReducer } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyPress } from '../input/keys.js';
import { commandOf } from '../input/keymap.js';
import { BROWSER_KEYMAP, FILTER_KEYMAP } from './keymaps.js';
import type { ScenarioSummary } from '../../core/bank/bank-index.js';
import { groupByTopic, matchesFilter, type Listed } from '../practice/topics.js';
import { difficultyDots } from '../../core/bank/difficulty.js';

export type Status = 'passed' | 'failed' | 'new';

export const STATUS_MARK: Record<Status, { symbol: string; color?: string; words: string }> = {
  passed: { symbol: '✓', color: 'green', words: 'passed' },
  failed: { symbol: '✗', color: 'red', words: 'attempted, not passed yet' },
  new: { symbol: '·', words: 'not attempted' },
};

/** The browser's order (by section, then bank order); "next exercise" follows it. */
export function browserOrder<S extends Listed>(scenarios: readonly S[]): S[] {
  return groupByTopic(scenarios).flatMap((g) => g.scenarios);
}

interface BrowserState {
  index: number;
  filter: string;
  filtering: boolean;
  chosen?: string;
}

type BrowserAction =
  { type: 'key'; key: KeyPress; scenarios: readonly ScenarioSummary[]; page: number } | { type: 'chosenDone' } | { type: 'select'; id: string; ids: string[] };

/** Ids in the order shown under a filter (computed in the reducer, so fast keys see the new filter). */
export function visibleIds(scenarios: readonly ScenarioSummary[], filter: string): string[] {
  return groupByTopic(scenarios.filter((s) => matchesFilter(s, filter))).flatMap((g) => g.scenarios.map((s) => s.id));
}

function browserReducer(state: BrowserState, action: BrowserAction): BrowserState {
  if (action.type === 'chosenDone') return { ...state, chosen: undefined };
  if (action.type === 'select') return { ...state, index: Math.max(0, action.ids.indexOf(action.id)) };
  const { key, page } = action;
  const ids = visibleIds(action.scenarios, state.filter);
  const last = ids.length - 1;
  const clamp = (i: number) => Math.max(0, Math.min(i, last));
  if (state.filtering) {
    switch (commandOf(FILTER_KEYMAP, key)) {
      case 'clear':
        return { ...state, filtering: false, filter: '', index: 0 };
      case 'keep':
        return { ...state, filtering: false };
      case 'erase':
        return { ...state, filter: state.filter.slice(0, -1), index: 0 };
      case 'up':
        return { ...state, index: clamp(state.index - 1) };
      case 'down':
        return { ...state, index: clamp(state.index + 1) };
      default:
        return key.name === 'char' && !key.meta ? { ...state, filter: state.filter + key.text, index: 0 } : state;
    }
  }
  switch (commandOf(BROWSER_KEYMAP, key)) {
    case 'up':
      return { ...state, index: clamp(state.index - 1) };
    case 'down':
      return { ...state, index: clamp(state.index + 1) };
    case 'pageUp':
      return { ...state, index: clamp(state.index - page) };
    case 'pageDown':
      return { ...state, index: clamp(state.index + page) };
    case 'first':
      return { ...state, index: 0 };
    case 'last':
      return { ...state, index: clamp(last) };
    case 'open':
      return ids[state.index] ? { ...state, chosen: ids[state.index] } : state;
    case 'filter':
      return { ...state, filtering: true };
    default:
      return state;
  }
}

export interface BrowserProps {
  scenarios: readonly ScenarioSummary[];
  statusOf: (id: string) => Status;
  /** The exercise to put the cursor on (the one last opened). */
  selectedId?: string;
  width: number;
  height: number;
  isActive: boolean;
  onOpen: (id: string) => void;
  onBack: () => void;
  onQuit: () => void;
  onHelp: () => void;
  onFiltering?: (filtering: boolean) => void;
}

type Row = { kind: 'group'; title: string } | { kind: 'exercise'; s: ScenarioSummary; n: number };

export function Browser(props: BrowserProps) {
  const [state, dispatch] = useReducer(browserReducer, { index: 0, filter: '', filtering: false });
  const visible = useMemo(() => props.scenarios.filter((s) => matchesFilter(s, state.filter)), [props.scenarios, state.filter]);
  const groups = useMemo(() => groupByTopic(visible), [visible]);
  const ids = useMemo(() => groups.flatMap((g) => g.scenarios.map((s) => s.id)), [groups]);
  const listHeight = Math.max(3, props.height - 3);

  useEffect(() => {
    if (props.selectedId) dispatch({ type: 'select', id: props.selectedId, ids });
    // Only when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useKeys(
    (key) => {
      if (!state.filtering) {
        const command = commandOf(BROWSER_KEYMAP, key);
        if (command === 'back') return props.onBack();
        if (command === 'help') return props.onHelp();
        if (command === 'quit') return props.onQuit();
      }
      dispatch({ type: 'key', key, scenarios: props.scenarios, page: listHeight - 1 });
    },
    { isActive: props.isActive, splitText: true },
  );

  const { onOpen, onFiltering } = props;
  useEffect(() => {
    if (!state.chosen) return;
    dispatch({ type: 'chosenDone' });
    onOpen(state.chosen);
  }, [state.chosen, onOpen]);
  useEffect(() => onFiltering?.(state.filtering), [state.filtering, onFiltering]);

  const rows: Row[] = [];
  let n = 0;
  for (const g of groups) {
    rows.push({ kind: 'group', title: g.title });
    for (const s of g.scenarios) rows.push({ kind: 'exercise', s, n: n++ });
  }
  const cursorRow = rows.findIndex((r) => r.kind === 'exercise' && r.n === state.index);
  // Keep the cursor in view, with its group title when there is room.
  let top = Math.max(0, cursorRow - Math.floor(listHeight / 2));
  top = Math.min(top, Math.max(0, rows.length - listHeight));
  const shown = rows.slice(top, top + listHeight);
  const selected = visible.find((s) => s.id === ids[state.index]);
  const width = props.width - 2;
  const fixed = 2 + 1 + 7 + 1 + 5 + 1 + 5;
  const titleWidth = Math.max(10, width - fixed);

  const filterLine = state.filtering
    ? `/${state.filter}▏  (${visible.length} match${visible.length === 1 ? '' : 'es'})`
    : state.filter
      ? `filter "${state.filter}": ${visible.length} of ${props.scenarios.length}   (/ to change, Esc in filter clears)`
      : `${props.scenarios.length} exercises · ✓ passed  ✗ not passed yet  · new · / to filter`;

  return (
    <Box flexDirection="column" width={props.width} height={props.height} paddingX={1}>
      <Text wrap="truncate" color={state.filtering ? 'cyan' : undefined} dimColor={!state.filtering && !state.filter}>
        {filterLine}
      </Text>
      <Box flexDirection="column" height={listHeight}>
        {visible.length === 0 ? <Text>No exercise matches. Esc clears the filter.</Text> : null}
        {shown.map((r, i) => {
          if (r.kind === 'group')
            return (
              <Text key={`g${i}`} bold color="cyan" wrap="truncate">
                {r.title}
              </Text>
            );
          const here = r.n === state.index;
          const status = STATUS_MARK[props.statusOf(r.s.id)];
          const title = r.s.title.length > titleWidth - 1 ? r.s.title.slice(0, titleWidth - 2) + '…' : r.s.title;
          // A row of spans, not one Text: Ink measures each span's width, and only the symbol
          // and the dots take string-width's slow path for non-ASCII text.
          return (
            <Box key={r.s.id} height={1}>
              <Text color={status.color} bold>
                {status.symbol}
              </Text>
              <Text inverse={here} bold={here} wrap="truncate">{` ${here ? '>' : ' '}${title.padEnd(titleWidth - 1)}`}</Text>
              <Text dimColor={!here} wrap="truncate">{` ${r.s.kind.padEnd(7)} `}</Text>
              <Text dimColor={!here} wrap="truncate">
                {difficultyDots(r.s.difficulty)}
              </Text>
              <Text dimColor={!here} wrap="truncate">{` ${String(r.s.minutes).padStart(3)}m`}</Text>
            </Box>
          );
        })}
      </Box>
      <Text wrap="truncate" dimColor>
        {'─'.repeat(Math.max(0, width))}
      </Text>
      <Text wrap="truncate">
        {selected
          ? `${selected.id} · ${STATUS_MARK[props.statusOf(selected.id)].words} · topics ${selected.topics.join(', ')} · ${selected.steps} step${selected.steps === 1 ? '' : 's'}`
          : ' '}
      </Text>
    </Box>
  );
}
