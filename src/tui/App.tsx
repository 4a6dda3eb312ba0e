// The TUI shell: header, the current screen, footer hints and the help overlay.
// Exactly one layer reads keys at a time: the help overlay when open, else the current screen.
// Ctrl+C is Ink's (exitOnCtrlC) and works everywhere.
import React, { useCallback, useReducer } from 'react';
import { Box, Text, useApp } from 'ink';
import { useKeys } from './input/use-keys.js';
import { useTerminalSize } from './use-terminal-size.js';
import { Footer, HelpOverlay, type KeyHints } from './components/KeyHelp.js';
import { Home, HOME_HELP, HOME_KEYS, HOME_MENU, type MenuId, type ProgressSummary } from './screens/Home.js';
import { ComingSoon, COMING_SOON_KEYS } from './screens/ComingSoon.js';
import { ScratchEditor, SCRATCH_HELP, SCRATCH_KEYS } from './screens/ScratchEditor.js';

export type Screen =
  | { name: 'home' }
  | { name: 'comingSoon'; title: string }
  | { name: 'scratch' };

export interface AppState {
  screen: Screen;
  helpOpen: boolean;
}

export type AppAction =
  | { type: 'open'; screen: Screen }
  | { type: 'back' }
  | { type: 'help'; open: boolean };

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

/** Menu entries whose screens are not built yet. */
const NOT_BUILT: ReadonlySet<MenuId> = new Set(['practice', 'exam', 'review', 'stats']);

function screenTitle(screen: Screen): string {
  switch (screen.name) {
    case 'home': return 'Home';
    case 'comingSoon': return screen.title;
    case 'scratch': return 'Scratch editor';
  }
}

function keysOf(screen: Screen): { footer: KeyHints; help: KeyHints } {
  switch (screen.name) {
    case 'home': return { footer: HOME_KEYS, help: HOME_HELP };
    case 'comingSoon': return { footer: COMING_SOON_KEYS, help: COMING_SOON_KEYS };
    case 'scratch': return { footer: SCRATCH_KEYS, help: SCRATCH_HELP };
  }
}

export interface AppProps {
  progress?: ProgressSummary;
}

export const NO_PROGRESS: ProgressSummary = { passed: 0, attempted: 0, total: 0 };

export function App(props: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [state, dispatch] = useReducer(appReducer, { screen: { name: 'home' }, helpOpen: false });

  const openHelp = useCallback(() => dispatch({ type: 'help', open: true }), []);
  const back = useCallback(() => dispatch({ type: 'back' }), []);
  const quit = useCallback(() => exit(), [exit]);
  const select = useCallback((id: MenuId) => {
    if (id === 'quit') exit();
    else if (id === 'scratch') dispatch({ type: 'open', screen: { name: 'scratch' } });
    else if (NOT_BUILT.has(id)) dispatch({ type: 'open', screen: { name: 'comingSoon', title: HOME_MENU.find((m) => m.id === id)!.label } });
  }, [exit]);

  // The overlay layer: only while help is open.
  useKeys((key) => {
    const isChar = (c: string) => key.name === 'char' && key.text === c;
    if (key.name === 'escape' || key.name === 'enter' || key.name === 'f1' || isChar('?') || isChar('q')) {
      dispatch({ type: 'help', open: false });
    }
  }, { isActive: state.helpOpen, splitText: true });

  // One row less than the terminal: a frame as tall as the terminal makes Ink clear it on every render.
  const height = Math.max(3, rows - 1);
  const width = Math.max(20, columns);
  const bodyHeight = height - 2;
  const screenActive = !state.helpOpen;
  const { footer, help } = keysOf(state.screen);
  const title = screenTitle(state.screen);

  let body: React.ReactNode;
  if (state.helpOpen) {
    body = <HelpOverlay title={title} keys={help} width={width} height={bodyHeight} />;
  }
  // Screens stay mounted under the overlay so that they keep their state.
  const screen = (() => {
    switch (state.screen.name) {
      case 'home':
        return <Home progress={props.progress ?? NO_PROGRESS} width={width} height={bodyHeight} isActive={screenActive}
          comingSoon={NOT_BUILT} onSelect={select} onQuit={quit} onHelp={openHelp} />;
      case 'comingSoon':
        return <ComingSoon title={state.screen.title} width={width} height={bodyHeight} isActive={screenActive}
          onBack={back} onQuit={quit} onHelp={openHelp} />;
      case 'scratch':
        return <ScratchEditor width={width} height={bodyHeight} isActive={screenActive} onBack={back} onHelp={openHelp} />;
    }
  })();

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box width={width} height={1} justifyContent="space-between">
        <Text bold color="cyan">netpol-dojo</Text>
        <Text dimColor wrap="truncate">{title}</Text>
      </Box>
      {body}
      <Box display={state.helpOpen ? 'none' : 'flex'} height={bodyHeight} flexDirection="column">{screen}</Box>
      <Footer hints={state.helpOpen ? [['Esc/?', 'close help']] : footer} width={width} />
    </Box>
  );
}
