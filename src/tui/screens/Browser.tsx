// The practice browser: the tracks first (the module's Exercises 1-5, played in the console),
// then the bank grouped by the module's sections, each exercise with its kind, difficulty,
// suggested minutes and status (symbol and colour), `/` to filter. An exercise on a track is
// listed twice: under the track (opened as the track plays it) and under its section.
import React, { useEffect, useMemo, useReducer, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyPress } from '../input/keys.js';
import { commandOf } from '../input/keymap.js';
import { BROWSER_KEYMAP, FILTER_KEYMAP } from './keymaps.js';
import type { ScenarioSummary } from '../../core/bank/bank-index.js';
import { difficultyDots } from '../../core/bank/difficulty.js';
import { entriesOf, entryKey, groupsOf, visibleEntries, type Entry } from './browser-list.js';
import { matchesFilter } from '../practice/topics.js';
import { TRACKS } from '../../core/bank/tracks.js';

export { browserOrder, visibleEntries, type Entry } from './browser-list.js';

export type Status = 'passed' | 'failed' | 'new';

export const STATUS_MARK: Record<Status, { symbol: string; color?: string; words: string }> = {
  passed: { symbol: '✓', color: 'green', words: 'passed' },
  failed: { symbol: '✗', color: 'red', words: 'attempted, not passed yet' },
  new: { symbol: '·', words: 'not attempted' },
};

interface BrowserState {
  index: number;
  filter: string;
  filtering: boolean;
  chosen?: Entry;
}

type BrowserAction =
  | { type: 'key'; key: KeyPress; scenarios: readonly ScenarioSummary[]; page: number }
  | { type: 'chosenDone' }
  | { type: 'select'; entry: Entry; entries: readonly Entry[] };

function browserReducer(state: BrowserState, action: BrowserAction): BrowserState {
  if (action.type === 'chosenDone') return { ...state, chosen: undefined };
  if (action.type === 'select') return { ...state, index: Math.max(0, action.entries.map(entryKey).indexOf(entryKey(action.entry))) };
  const { key, page } = action;
  const ids = visibleEntries(action.scenarios, state.filter);
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
  /** The track the exercise was opened from (the cursor goes back to its line there). */
  selectedTrack?: string;
  /** A line shown at the top until the next key (the module track completed). */
  notice?: string;
  width: number;
  height: number;
  isActive: boolean;
  /** `track`: opened as that track's item. */
  onOpen: (id: string, track?: string) => void;
  onBack: () => void;
  onQuit: () => void;
  onHelp: () => void;
  onFiltering?: (filtering: boolean) => void;
}

type Row = { kind: 'group'; title: string } | { kind: 'exercise'; s: ScenarioSummary; n: number; key: string };

export function Browser(props: BrowserProps) {
  const [state, dispatch] = useReducer(browserReducer, { index: 0, filter: '', filtering: false });
  const visible = useMemo(() => props.scenarios.filter((s) => matchesFilter(s, state.filter)), [props.scenarios, state.filter]);
  const groups = useMemo(() => groupsOf(props.scenarios, state.filter), [props.scenarios, state.filter]);
  const ids = useMemo(() => entriesOf(groups), [groups]);
  const [noticeShown, setNoticeShown] = useState(Boolean(props.notice));
  const listHeight = Math.max(3, props.height - 3);

  useEffect(() => {
    if (props.selectedId)
      dispatch({ type: 'select', entry: { id: props.selectedId, ...(props.selectedTrack ? { track: props.selectedTrack } : {}) }, entries: ids });
    // Only when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useKeys(
    (key) => {
      setNoticeShown(false);
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
    onOpen(state.chosen.id, state.chosen.track);
  }, [state.chosen, onOpen]);
  useEffect(() => onFiltering?.(state.filtering), [state.filtering, onFiltering]);

  const rows: Row[] = [];
  let n = 0;
  for (const g of groups) {
    rows.push({ kind: 'group', title: g.title });
    for (const s of g.scenarios) rows.push({ kind: 'exercise', s, n: n++, key: `${g.track?.id ?? ''}:${s.id}` });
  }
  const cursorRow = rows.findIndex((r) => r.kind === 'exercise' && r.n === state.index);
  // Keep the cursor in view, with its group title when there is room.
  let top = Math.max(0, cursorRow - Math.floor(listHeight / 2));
  top = Math.min(top, Math.max(0, rows.length - listHeight));
  const shown = rows.slice(top, top + listHeight);
  const selected = visible.find((s) => s.id === ids[state.index]?.id);
  const selectedTrack = TRACKS.find((t) => t.id === ids[state.index]?.track);
  const width = props.width - 2;
  const fixed = 2 + 1 + 7 + 1 + 5 + 1 + 5;
  const titleWidth = Math.max(10, width - fixed);

  const notice = noticeShown && !state.filtering ? props.notice : undefined;
  const filterLine = notice
    ? notice
    : state.filtering
      ? `/${state.filter}▏  (${visible.length} match${visible.length === 1 ? '' : 'es'})`
      : state.filter
        ? `filter "${state.filter}": ${visible.length} of ${props.scenarios.length}   (/ to change, Esc in filter clears)`
        : `${props.scenarios.length} exercises · ✓ passed  ✗ not passed yet  · new · / to filter`;

  return (
    <Box flexDirection="column" width={props.width} height={props.height} paddingX={1}>
      <Text wrap="truncate" color={state.filtering ? 'cyan' : notice ? 'green' : undefined} dimColor={!state.filtering && !state.filter && !notice}>
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
          // One Text of styled spans per row: Ink lays out, measures and truncates each Text
          // node, and a row of five nodes cost five times that on every frame of the list.
          return (
            <Text key={r.key} wrap="truncate">
              <Text color={status.color} bold>
                {status.symbol}
              </Text>
              <Text inverse={here} bold={here}>{` ${here ? '>' : ' '}${title.padEnd(titleWidth - 1)}`}</Text>
              <Text dimColor={!here}>{` ${r.s.kind.padEnd(7)} ${difficultyDots(r.s.difficulty)} ${String(r.s.minutes).padStart(3)}m`}</Text>
            </Text>
          );
        })}
      </Box>
      <Text wrap="truncate" dimColor>
        {'─'.repeat(Math.max(0, width))}
      </Text>
      <Text wrap="truncate">
        {selected
          ? `${selected.id}${selectedTrack ? ` · ${selectedTrack.exercises.indexOf(selected.id) + 1}/${selectedTrack.exercises.length} of the track, played in the console` : ''} · ${STATUS_MARK[props.statusOf(selected.id)].words} · topics ${selected.topics.join(', ')} · ${selected.steps} step${selected.steps === 1 ? '' : 's'}`
          : ' '}
      </Text>
    </Box>
  );
}
