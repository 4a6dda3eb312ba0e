// The TUI shell: header, the current screen, footer hints and the help overlay.
// Exactly one layer reads keys at a time: the help overlay when open, else the current screen.
// Ctrl+C quits from every screen (use-keys.ts; the console pane reads it as a shell does). Home
// and the practice browser draw from the bank's prebuilt index and the store
// (use-practice-load.ts); the practice screens and the full bank load once another screen is opened.
// Time comes from the injected clock (clock.tsx); while an exam runs its countdown is in the header.
import React, { useCallback, useMemo, useReducer, useState } from 'react';
import { Box, useApp } from 'ink';
import { Text } from './components/Text.js';
import { useKeys } from './input/use-keys.js';
import { useTerminalSize } from './use-terminal-size.js';
import { Footer, HelpOverlay } from './components/KeyHelp.js';
import { Home, type MenuId, type ProgressSummary } from './screens/Home.js';
import { BROWSER_KEYS, FILTER_KEYS, HELP_OVERLAY_KEYMAP, HOME_KEYS } from './screens/keymaps.js';
import { commandOf, footerHints, type ScreenKeys } from './input/keymap.js';
import type { HomeData, PracticeServices } from './practice/services.js';
import { Browser, browserOrder } from './screens/Browser.js';
import { ClockProvider, type TuiClock } from './clock.js';
import { AppHeader } from './components/AppHeader.js';
import { LOADING_KEYS, appReducer, screenTitle, trackNextScreen, type Screen } from './app-state.js';
import { trackById } from '../core/bank/tracks.js';
import { summaryOf, usePracticeLoad } from './use-practice-load.js';
import { useNotice } from './use-notice.js';

export type { Screen };

export interface AppProps {
  /** A fixed summary (tests of the home screen); otherwise it comes from the store. */
  progress?: ProgressSummary;
  /** Bank and store; default: the repository's exercises and $NETPOL_DOJO_SCORES. */
  services?: PracticeServices;
  /** Time for every screen; tests pass a fake one. */
  clock?: TuiClock;
  /** Where the app opens (the `exam` and `review` commands); default home. */
  initialScreen?: Screen;
  /** The home data when it is already loaded (start.tsx): the first frame shows the summary. */
  home?: HomeData;
}

export const NO_PROGRESS: ProgressSummary = { passed: 0, attempted: 0, total: 0 };

export function App(props: AppProps) {
  return (
    <ClockProvider clock={props.clock}>
      <AppScreens {...props} />
    </ClockProvider>
  );
}

function AppScreens(props: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [state, dispatch] = useReducer(appReducer, { screen: props.initialScreen ?? { name: 'home' }, helpOpen: false });
  const [examDeadline, setExamDeadline] = useState<string | undefined>();
  const [screenKeys, setScreenKeys] = useState<ScreenKeys | undefined>();
  const [filtering, setFiltering] = useState(false);
  const services = props.services;

  const { home, loaded, loadError, summary, setSummary } = usePracticeLoad(
    services,
    state.screen.name !== 'home' && state.screen.name !== 'browser',
    state.screen.name === 'browser',
    props.home,
  );

  // The store's notices (a corrupt file set aside, a draft not written) on a line above the footer.
  const notice = useNotice(home?.notices, state.screen.name);

  const openHelp = useCallback(() => dispatch({ type: 'help', open: true }), []);
  const back = useCallback(() => dispatch({ type: 'back' }), []);
  const quit = useCallback(() => exit(), [exit]);
  const select = useCallback(
    (id: MenuId) => {
      if (id === 'quit') exit();
      else if (id === 'practice') dispatch({ type: 'open', screen: { name: 'browser' } });
      else dispatch({ type: 'open', screen: { name: id } });
    },
    [exit],
  );
  const openExercise = useCallback(
    (id: string, track?: string) => dispatch({ type: 'open', screen: { name: 'session', id, ...(track ? { track } : {}) } }),
    [],
  );
  const sessionId = state.screen.name === 'session' ? state.screen.id : undefined;
  const sessionFrom = state.screen.name === 'session' ? state.screen.from : undefined;
  const sessionTrack = state.screen.name === 'session' ? state.screen.track : undefined;
  const backToBrowser = useCallback(() => {
    if (sessionFrom) dispatch({ type: 'open', screen: { name: 'review', view: sessionFrom === 'weak' ? 'weak' : 'list' } });
    else dispatch({ type: 'open', screen: { name: 'browser', selectedId: sessionId, ...(sessionTrack ? { selectedTrack: sessionTrack } : {}) } });
  }, [sessionId, sessionFrom, sessionTrack]);
  const retry = useCallback((id: string, start?: { step: number; text: string }) => {
    dispatch({ type: 'open', screen: { name: 'session', id, mode: 'review', start, from: start ? 'review' : 'weak' } });
  }, []);
  const nextExercise = useCallback(() => {
    if (!loaded || !sessionId) return;
    // On a track, `n` follows the track (app-state.ts); elsewhere the browser's order.
    const onTrack = trackNextScreen(state.screen, (id) => loaded.data.store.statusOf(id, loaded.data.bank.byId.get(id)?.steps.length) === 'passed');
    if (onTrack) return dispatch({ type: 'open', screen: onTrack });
    const order = browserOrder(loaded.data.bank.scenarios);
    const i = order.findIndex((s) => s.id === sessionId);
    const next = order[(i + 1) % order.length];
    if (next) dispatch({ type: 'open', screen: { name: 'session', id: next.id } });
  }, [loaded, sessionId, state.screen]);
  const refreshSummary = useCallback(() => home && setSummary(summaryOf(home)), [home, setSummary]);
  const onScreenKeys = useCallback((k: ScreenKeys) => setScreenKeys(k), []);

  // The overlay layer: only while help is open.
  useKeys(
    (key) => {
      if (commandOf(HELP_OVERLAY_KEYMAP, key) === 'close') dispatch({ type: 'help', open: false });
    },
    { isActive: state.helpOpen, splitText: true },
  );

  // The browser needs only the home data; the other screens the full load.
  const ready = state.screen.name === 'browser' ? home : loaded;
  const waiting = state.screen.name !== 'home' && !ready;
  // While waiting for the practice screens, Esc goes back and Ctrl+C quits.
  useKeys(
    (key) => {
      if (key.name === 'escape') dispatch({ type: 'back' });
    },
    { isActive: waiting && !state.helpOpen },
  );

  // One row less than the terminal: a frame as tall as the terminal makes Ink clear it on every render.
  const height = Math.max(3, rows - 1);
  const width = Math.max(20, columns);
  const bodyHeight = height - 2 - (notice ? 1 : 0);
  const screenActive = !state.helpOpen;
  const title = screenTitle(state.screen);

  const keys = useMemo((): ScreenKeys => {
    switch (state.screen.name) {
      case 'home':
        return HOME_KEYS;
      case 'browser':
        if (!home) return { footer: LOADING_KEYS, help: LOADING_KEYS };
        return { footer: filtering ? FILTER_KEYS.footer : BROWSER_KEYS.footer, help: BROWSER_KEYS.help };
      default:
        return loaded && screenKeys ? screenKeys : { footer: LOADING_KEYS, help: LOADING_KEYS };
    }
  }, [state.screen.name, home, loaded, filtering, screenKeys]);

  let body: React.ReactNode;
  if (state.helpOpen) {
    body = <HelpOverlay title={title} keys={keys.help} width={width} height={bodyHeight} />;
  }
  // Screens stay mounted under the overlay so that they keep their state.
  const screen = (() => {
    const s = state.screen;
    switch (s.name) {
      case 'home':
        return (
          <Home
            progress={props.progress ?? summary}
            width={width}
            height={bodyHeight}
            isActive={screenActive}
            onSelect={select}
            onQuit={quit}
            onHelp={openHelp}
          />
        );
      default: {
        if (s.name === 'browser' && home) {
          return (
            <Browser
              scenarios={home.summaries}
              statusOf={(id) => home.store.statusOf(id, home.summaries.find((x) => x.id === id)?.steps)}
              selectedId={s.selectedId}
              selectedTrack={s.selectedTrack}
              notice={s.notice}
              width={width}
              height={bodyHeight}
              isActive={screenActive}
              onOpen={openExercise}
              onBack={back}
              onQuit={quit}
              onHelp={openHelp}
              onFiltering={setFiltering}
            />
          );
        }
        if (!loaded || s.name === 'browser') {
          return (
            <Box paddingX={1} flexDirection="column">
              <Text color={loadError ? 'red' : undefined}>
                {loadError ? `Cannot open the exercises: ${loadError}` : services ? 'Loading the exercises…' : 'No exercise bank in this build.'}
              </Text>
            </Box>
          );
        }
        const { ui, data } = loaded;
        const common = { data, width, height: bodyHeight, isActive: screenActive, onQuit: quit, onHelp: openHelp, onKeys: onScreenKeys };
        if (s.name === 'exam') {
          return <ui.Exam {...common} autoStart={s.autoStart} onBack={back} onDeadline={setExamDeadline} onRecorded={refreshSummary} />;
        }
        if (s.name === 'review') return <ui.Review key={s.view ?? 'list'} {...common} initialView={s.view} onBack={back} onRetry={retry} />;
        if (s.name === 'stats') return <ui.Stats {...common} onBack={back} />;
        const scenario = data.bank.byId.get(s.id);
        if (!scenario) return <Text color="red">{`No exercise ${s.id}.`}</Text>;
        return (
          <ui.Practice
            key={`${s.id}:${s.mode ?? ''}:${s.start?.step ?? ''}:${s.track ?? ''}`}
            inConsole={trackById(s.track)?.console}
            mode={s.mode}
            start={s.start}
            data={data}
            scenario={scenario}
            width={width}
            height={bodyHeight}
            isActive={screenActive}
            onBack={backToBrowser}
            onQuit={quit}
            onHelp={openHelp}
            onNext={nextExercise}
            onKeys={onScreenKeys}
            onRecorded={refreshSummary}
          />
        );
      }
    }
  })();

  return (
    <Box flexDirection="column" width={width} height={height}>
      <AppHeader title={title} width={width} deadline={state.screen.name === 'exam' ? examDeadline : undefined} />
      {body}
      {/* Clipped top and bottom only: screens keep to their width (their rows truncate), and a
          horizontal clip makes Ink re-slice every line of every frame (slice-ansi per line). */}
      <Box display={state.helpOpen ? 'none' : 'flex'} height={bodyHeight} flexDirection="column" overflowY="hidden">
        {screen}
      </Box>
      {notice ? (
        <Text color="yellow" wrap="truncate">
          {`! ${notice}`}
        </Text>
      ) : null}
      <Footer hints={state.helpOpen ? footerHints(HELP_OVERLAY_KEYMAP) : keys.footer} width={width} />
    </Box>
  );
}
