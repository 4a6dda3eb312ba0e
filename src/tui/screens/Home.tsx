// The home screen: where the learner stands, and the menu of everything the trainer does.
import React, { useEffect, useReducer } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyPress } from '../input/keys.js';
import { commandOf } from '../input/keymap.js';
import { HOME_KEYMAP } from './keymaps.js';

export type MenuId = 'practice' | 'exam' | 'review' | 'stats' | 'quit';

export interface MenuItem {
  id: MenuId;
  label: string;
  description: string;
}

export const HOME_MENU: readonly MenuItem[] = [
  { id: 'practice', label: 'Practice', description: 'exercises one at a time, with feedback' },
  { id: 'exam', label: 'Mock exam', description: '8 tasks in 45 minutes, graded at the end' },
  { id: 'review', label: 'Review mistakes', description: 'failed attempts, weak spots to drill' },
  { id: 'stats', label: 'Stats', description: 'progress by topic, exam history, streak' },
  { id: 'quit', label: 'Quit', description: '' },
];

export interface ProgressSummary {
  passed: number;
  attempted: number;
  total: number;
  /** Best mock exam score in percent; undefined when no exam was taken. */
  examBest?: number;
}

export function progressLine(p: ProgressSummary | undefined): string {
  if (!p) return 'loading your progress...';
  const exam = p.examBest === undefined ? 'no mock exam yet' : `best mock exam ${Math.round(p.examBest)}%`;
  return `${p.passed}/${p.total} exercises passed · ${p.attempted} attempted · ${exam}`;
}

interface HomeState {
  index: number;
  /** Set by Enter; the effect hands it to onSelect, so fast keys before it are already applied. */
  chosen?: MenuId;
}

type HomeAction = { type: 'move'; by: number } | { type: 'moveTo'; index: number } | { type: 'choose'; index?: number } | { type: 'chosen' };

function homeReducer(state: HomeState, action: HomeAction): HomeState {
  const last = HOME_MENU.length - 1;
  switch (action.type) {
    case 'move':
      return { ...state, index: (state.index + action.by + HOME_MENU.length) % HOME_MENU.length };
    case 'moveTo':
      return { ...state, index: Math.min(Math.max(0, action.index), last) };
    case 'choose': {
      const index = action.index ?? state.index;
      return { index, chosen: HOME_MENU[index].id };
    }
    case 'chosen':
      return { ...state, chosen: undefined };
  }
}

function actionsFor(key: KeyPress): HomeAction[] | 'quit' | 'help' | { select: MenuId } {
  switch (commandOf(HOME_KEYMAP, key)) {
    case 'up':
      return [{ type: 'move', by: -1 }];
    case 'down':
      return [{ type: 'move', by: 1 }];
    case 'first':
      return [{ type: 'moveTo', index: 0 }];
    case 'last':
      return [{ type: 'moveTo', index: HOME_MENU.length - 1 }];
    case 'open':
      return [{ type: 'choose' }];
    case 'number':
      // A number names its item whatever the cursor: chosen at once, without a render of Home
      // in between (a second render within Ink's frame interval would wait for the next frame).
      return Number(key.text) <= HOME_MENU.length ? { select: HOME_MENU[Number(key.text) - 1].id } : [];
    case 'help':
      return 'help';
    case 'quit':
      return 'quit';
    default:
      return [];
  }
}

export interface HomeProps {
  /** Undefined while the bank and the store are still loading. */
  progress?: ProgressSummary;
  width: number;
  height: number;
  isActive: boolean;
  onSelect: (id: MenuId) => void;
  onQuit: () => void;
  onHelp: () => void;
}

export function Home(props: HomeProps) {
  const [state, dispatch] = useReducer(homeReducer, { index: 0 });

  useKeys(
    (key) => {
      const result = actionsFor(key);
      if (result === 'quit') props.onQuit();
      else if (result === 'help') props.onHelp();
      else if ('select' in result) props.onSelect(result.select);
      else for (const a of result) dispatch(a);
    },
    { isActive: props.isActive, splitText: true },
  );

  const { onSelect } = props;
  useEffect(() => {
    if (!state.chosen) return;
    onSelect(state.chosen);
    dispatch({ type: 'chosen' });
  }, [state.chosen, onSelect]);

  const labelWidth = Math.max(...HOME_MENU.map((m) => m.label.length)) + 2;
  return (
    <Box flexDirection="column" width={props.width} height={props.height} paddingX={1}>
      <Text wrap="truncate">{progressLine(props.progress)}</Text>
      <Text> </Text>
      {HOME_MENU.map((item, i) => {
        const selected = i === state.index;
        const note = item.description;
        return (
          <Text key={item.id} wrap="truncate">
            <Text color={selected ? 'cyan' : undefined} bold={selected}>
              {`${selected ? '>' : ' '} ${i + 1}. ${item.label.padEnd(labelWidth)}`}
            </Text>
            <Text dimColor>{note}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
