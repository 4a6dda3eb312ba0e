// "Review mistakes": every failed attempt, newest first, grouped by scenario with the reason in
// one line; one opened shows the answer against a reference (differences marked), the wrong
// cells and checks, and the explanation; r retries it in a practice session (mode 'review').
// "Drill my weak spots" (d) lists the spaced-repetition queue with each entry's why: failed
// tasks to retry, and tasks not tried yet from the weakest topic.
import React, { useEffect, useMemo, useReducer, useRef } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyPress } from '../input/keys.js';
import { commandOf } from '../input/keymap.js';
import { DETAIL_KEYMAP, LIST_KEYMAP, WEAK_KEYMAP, reviewKeys, type ReviewView } from '../review/keymaps.js';
import { ScrollLines, clampScroll, paneExtent } from '../components/ScrollLines.js';
import { wrapLines, type Line } from '../../core/bank/describe.js';
import { failedAttemptsByScenario, queueCounts, weakSpotQueue, type FailedAttempt, type FailureGroup, type WeakSpot } from '../../core/training/review.js';
import { isoMinute } from '../../core/training/calendar.js';
import type { Attempt } from '../../core/training/records.js';
import type { PracticeData } from '../practice/services.js';
import type { ScreenKeys } from '../input/keymap.js';
import { reviewLines } from '../review/attempt-lines.js';
import { useClock } from '../clock.js';

export type { ReviewView };

interface ReviewState {
  view: ReviewView;
  index: number;
  weakIndex: number;
  top: number;
  request?: 'open' | 'retry' | 'start' | 'back' | 'quit' | 'help';
}

type ReviewAction = { type: 'key'; key: KeyPress; failures: number; weak: number; page: number; maxTop?: number } | { type: 'done' };

const clamp = (i: number, n: number) => Math.max(0, Math.min(Math.max(0, n - 1), i));

function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  if (action.type === 'done') return { ...state, request: undefined };
  if (state.request) return state;
  const { key } = action;
  const table = state.view === 'detail' ? DETAIL_KEYMAP : state.view === 'weak' ? WEAK_KEYMAP : LIST_KEYMAP;
  const command = commandOf(table, key);
  if (command === 'help') return { ...state, request: 'help' };
  if (command === 'quit') return { ...state, request: 'quit' };
  switch (state.view) {
    case 'list':
      if (command === 'up') return { ...state, index: clamp(state.index - 1, action.failures) };
      if (command === 'down') return { ...state, index: clamp(state.index + 1, action.failures) };
      if (command === 'open' && action.failures) return { ...state, view: 'detail', top: 0 };
      if (command === 'retry' && action.failures) return { ...state, request: 'retry' };
      if (command === 'weak') return { ...state, view: 'weak', weakIndex: 0 };
      if (command === 'back') return { ...state, request: 'back' };
      return state;
    case 'detail': {
      // Never past the end, so a key back up moves at once.
      const by = (d: number) => ({ ...state, top: Math.max(0, Math.min(action.maxTop ?? Infinity, state.top + d)) });
      if (command === 'lineUp') return by(-1);
      if (command === 'lineDown') return by(1);
      if (command === 'pageUp') return by(-action.page);
      if (command === 'pageDown') return by(action.page);
      if (command === 'retry') return { ...state, request: 'retry' };
      if (command === 'next') return { ...state, index: clamp(state.index + 1, action.failures), top: 0 };
      if (command === 'prev') return { ...state, index: clamp(state.index - 1, action.failures), top: 0 };
      if (command === 'list') return { ...state, view: 'list', top: 0 };
      return state;
    }
    case 'weak':
      if (command === 'up') return { ...state, weakIndex: clamp(state.weakIndex - 1, action.weak) };
      if (command === 'down') return { ...state, weakIndex: clamp(state.weakIndex + 1, action.weak) };
      if (command === 'start' && action.weak) return { ...state, request: 'start' };
      if (command === 'list') return { ...state, view: 'list' };
      return state;
  }
}

export interface ReviewProps {
  data: PracticeData;
  initialView?: 'list' | 'weak';
  width: number;
  height: number;
  isActive: boolean;
  onBack: () => void;
  onQuit: () => void;
  onHelp: () => void;
  onKeys: (keys: ScreenKeys) => void;
  /** Opens a practice session on the scenario (mode 'review'), with an old answer when given. */
  onRetry: (exerciseId: string, start?: { step: number; text: string }) => void;
}

const when = (iso: string) => isoMinute(new Date(iso)) || iso;

export function failureLine(f: FailedAttempt): string {
  return `${when(f.finishedAt)}  step ${f.step}  ${f.mode.padEnd(8)} ${f.reason}`;
}

export function Review(props: ReviewProps) {
  const { data, width, height } = props;
  const clock = useClock();
  const [state, dispatch] = useReducer(reviewReducer, { view: props.initialView ?? 'list', index: 0, weakIndex: 0, top: 0 });
  const snapshot = useMemo(() => {
    const attempts = data.store.attempts();
    const groups = failedAttemptsByScenario(attempts, data.bank.scenarios);
    const flat: { group: FailureGroup; failure: FailedAttempt }[] = groups.flatMap((group) => group.failures.map((failure) => ({ group, failure })));
    const weak = weakSpotQueue(attempts, data.bank.scenarios, new Date(clock.now()));
    return { attempts: new Map<string, Attempt>(attempts.map((a) => [a.id, a])), groups, flat, weak };
  }, [data, clock]);
  const { groups, flat, weak } = snapshot;
  const bodyHeight = Math.max(3, height - 1);

  const { onKeys, onBack, onQuit, onHelp, onRetry } = props;
  useEffect(() => onKeys(reviewKeys(state.view)), [state.view, onKeys]);
  // The detail view says how far it can scroll once laid out.
  const maxTopRef = useRef<number | undefined>(undefined);
  useKeys((key) => dispatch({ type: 'key', key, failures: flat.length, weak: weak.length, page: Math.max(1, bodyHeight - 2), maxTop: maxTopRef.current }), {
    isActive: props.isActive,
    splitText: true,
  });

  const stateRef = useRef(state);
  stateRef.current = state;
  useEffect(() => {
    const r = state.request;
    if (!r) return;
    dispatch({ type: 'done' });
    if (r === 'help') onHelp();
    else if (r === 'back') onBack();
    else if (r === 'quit') onQuit();
    else if (r === 'retry') {
      const sel = flat[state.index];
      const attempt = sel && snapshot.attempts.get(sel.failure.attemptId);
      if (sel && data.bank.byId.has(sel.group.exerciseId)) onRetry(sel.group.exerciseId, attempt ? { step: attempt.step, text: attempt.answer } : undefined);
    } else if (r === 'start') {
      const w = weak[state.weakIndex];
      if (w) onRetry(w.exerciseId);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.request]);

  const head = (left: string, right = '') => (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1}>
        <Text bold wrap="truncate">
          {left}
        </Text>
      </Box>
      {right ? (
        <Box flexShrink={0} paddingLeft={1}>
          <Text dimColor wrap="truncate">
            {right}
          </Text>
        </Box>
      ) : null}
    </Box>
  );

  if (state.view === 'weak') {
    const lines = weakLines(weak, state.weakIndex);
    const sel = lines.findIndex((l) => l.text.startsWith('>'));
    const h = bodyHeight;
    return (
      <Box flexDirection="column" width={width} height={height}>
        {head('Drill my weak spots', `${queueCounts(weak)} · ${weak.length} in the queue`)}
        <ScrollLines lines={wrapLines(lines, width - 1)} top={Math.max(0, sel - h + 3)} width={width} height={h} />
      </Box>
    );
  }

  if (state.view === 'detail') {
    const sel = flat[state.index];
    if (!sel) return <Text>Nothing to review.</Text>;
    const attempt = snapshot.attempts.get(sel.failure.attemptId);
    const scenario = data.bank.byId.get(sel.group.exerciseId);
    const lines: Line[] = [
      { text: `${when(sel.failure.finishedAt)} · ${sel.failure.mode} · score ${Math.round(sel.failure.score * 100)}% · ${sel.failure.reason}`, color: 'red' },
      { text: '' },
      ...reviewLines(
        {
          scenario,
          step: sel.failure.step,
          answer: attempt?.answer ?? '',
          mismatches: attempt?.mismatches ?? [],
          checks: attempt?.checks,
          console: attempt?.console,
        },
        width - 1,
      ),
    ];
    const wrapped = wrapLines(lines, width - 1);
    maxTopRef.current = paneExtent(wrapped.length, bodyHeight).maxTop;
    return (
      <Box flexDirection="column" width={width} height={height}>
        {head(`${sel.group.exerciseId} · step ${sel.failure.step}${sel.group.title ? ` · ${sel.group.title}` : ''}`, `${state.index + 1}/${flat.length}`)}
        <ScrollLines lines={wrapped} top={clampScroll(state.top, wrapped.length, bodyHeight)} width={width} height={bodyHeight} />
      </Box>
    );
  }

  // The list: group headings, then their failures; the selected failure kept in view.
  const lines: Line[] = [];
  let selectedAt = 0;
  let i = 0;
  for (const g of groups) {
    lines.push({
      text: `${g.exerciseId}${g.title ? `  ${g.title}` : ''}${g.passedSince ? '  (passed since)' : ''}`,
      bold: true,
      color: g.passedSince ? 'green' : undefined,
    });
    for (const f of g.failures) {
      if (i === state.index) selectedAt = lines.length;
      lines.push({ text: `${i === state.index ? '>' : ' '} ${failureLine(f)}`, color: i === state.index ? 'cyan' : undefined, bold: i === state.index });
      i++;
    }
  }
  if (flat.length === 0) lines.push({ text: 'No failed attempts yet. Mistakes you make in practice or in an exam show up here.', dim: true });
  const listHeight = bodyHeight - 1;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {head(`Review mistakes (${flat.length} failed attempt${flat.length === 1 ? '' : 's'}, newest first)`)}
      <Text color="cyan" wrap="truncate">{`d  Drill my weak spots: ${queueCounts(weak)}, ${weak.length} in the queue`}</Text>
      <ScrollLines lines={lines} top={Math.max(0, selectedAt - listHeight + 2)} width={width} height={listHeight} />
    </Box>
  );
}

export function weakLines(weak: readonly WeakSpot[], selected: number): Line[] {
  if (weak.length === 0) return [{ text: 'The queue is empty: nothing failed is waiting for another try, and no topic is weak yet.', dim: true }];
  const lines: Line[] = [{ text: 'Enter starts the selected one; the first is the one to do now.', dim: true }];
  weak.forEach((w, i) => {
    lines.push({
      text: `${i === selected ? '>' : ' '} ${String(i + 1).padStart(2)}. ${w.exerciseId}  ${w.title}${w.due ? '' : '  (resting)'}`,
      bold: i === selected,
      color: i === selected ? 'cyan' : undefined,
      dim: !w.due && i !== selected,
    });
    lines.push({ text: `       ${w.why}`, dim: true });
  });
  return lines;
}
