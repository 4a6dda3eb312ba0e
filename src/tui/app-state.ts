// The shell's state: which screen is open and whether the help overlay is over it.
import type { KeyHints } from './components/KeyHelp.js';
import type { ExamOptions } from './exam/ExamScreen.js';

export type Screen =
  | { name: 'home' }
  | { name: 'browser'; selectedId?: string }
  | { name: 'session'; id: string; mode?: 'practice' | 'review'; start?: { step: number; text: string }; from?: 'review' | 'weak' }
  | { name: 'exam'; autoStart?: ExamOptions }
  | { name: 'review'; view?: 'list' | 'weak' }
  | { name: 'stats' };

export interface AppState {
  screen: Screen;
  helpOpen: boolean;
}

export type AppAction = { type: 'open'; screen: Screen } | { type: 'back' } | { type: 'help'; open: boolean };

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'open':
      return { ...state, screen: action.screen, helpOpen: false };
    case 'back':
      return { ...state, screen: { name: 'home' }, helpOpen: false };
    case 'help':
      return { ...state, helpOpen: action.open };
  }
}

export function screenTitle(screen: Screen): string {
  switch (screen.name) {
    case 'home':
      return 'Home';
    case 'browser':
      return 'Practice';
    case 'session':
      return `${screen.mode === 'review' ? 'Review' : 'Practice'} · ${screen.id}`;
    case 'exam':
      return 'Mock exam';
    case 'review':
      return screen.view === 'weak' ? 'Weak spots' : 'Review mistakes';
    case 'stats':
      return 'Stats';
  }
}

export const LOADING_KEYS: KeyHints = [
  ['Esc', 'back'],
  ['Ctrl+C', 'quit'],
];
