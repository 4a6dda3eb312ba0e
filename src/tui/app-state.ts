// The shell's state: which screen is open and whether the help overlay is over it.
import type { KeyHints } from './components/KeyHelp.js';
import type { ExamOptions } from './exam/ExamScreen.js';
import { nextInTrack, trackById, trackProgress } from '../core/bank/tracks.js';

export type Screen =
  | { name: 'home' }
  | { name: 'browser'; selectedId?: string; selectedTrack?: string; notice?: string }
  | {
      name: 'session';
      id: string;
      mode?: 'practice' | 'review';
      start?: { step: number; text: string };
      from?: 'review' | 'weak';
      /** Opened as an item of this track (tracks.ts): `n` follows the track. */
      track?: string;
    }
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

/**
 * Where `n` goes from a session opened on a track: the track's next exercise, opened as the track
 * plays it; after the last, back to the browser on that line, saying how the track stands.
 * Undefined outside a track (`n` then follows the browser's order).
 */
export function trackNextScreen(screen: Screen, passed: (id: string) => boolean): Screen | undefined {
  if (screen.name !== 'session') return undefined;
  const track = trackById(screen.track);
  if (!track) return undefined;
  const next = nextInTrack(track, screen.id);
  if (next) return { name: 'session', id: next, track: track.id };
  const p = trackProgress(track, passed);
  const name = track.title.split(':')[0];
  const notice =
    p.passed === p.total
      ? `${name} complete: all ${p.total} exercises passed.`
      : `End of the ${name.toLowerCase()}: ${p.passed}/${p.total} passed; ${p.firstOpen} is not passed yet.`;
  return { name: 'browser', selectedId: screen.id, selectedTrack: track.id, notice };
}
