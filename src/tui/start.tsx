// Mounts the app on the real terminal (loaded by launch.ts only after the environment is set).
import React from 'react';
import { render } from 'ink';
import { App, type AppProps } from './App.js';
import { TerminalProvider } from './terminal-context.js';
import { takeOverTerminal } from './terminal.js';
import { practiceServices, type HomeData, type OpenProgress } from './practice/services.js';

/** How long the first frame waits for the store and the bank's index. */
const HOME_WAIT_MS = 300;

/** The promise's value if it settles within `ms`, else undefined (and no rejection either way). */
function firstOf<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

export interface StartOptions extends AppProps {
  env?: NodeJS.ProcessEnv;
  openProgress?: OpenProgress;
  /** The home data's read, when the caller started it already (launch.ts, before Ink loads). */
  homing?: Promise<HomeData>;
}

export async function startApp(options: StartOptions = {}): Promise<number> {
  const { env, openProgress, homing, ...appProps } = options;
  const services = appProps.services ?? practiceServices({ env: env ?? process.env, ...(openProgress ? { openProgress } : {}) });
  // A closed terminal (SIGHUP) or a kill still writes the drafts typed in the last moments.
  const session = takeOverTerminal(process.stdin, process.stdout, process, {
    flushSync: () => services.closeSync?.(),
    beforeSignalExit: () => services.close(),
  });
  try {
    // The store and the bank's index are small: read them before the first frame, which then
    // shows the progress summary at once (no second frame a moment later). A store that is slow
    // to open (waiting for another process's lock) does not hold the screen blank: after a
    // moment Home is drawn without the summary, which App shows once it is in. A store that
    // cannot be opened is said by the screens, as before.
    const home = appProps.home ?? (await firstOf(homing ?? services.home(), HOME_WAIT_MS));
    const instance = render(
      <TerminalProvider control={session} env={env}>
        <App {...appProps} services={services} home={home} />
      </TerminalProvider>,
      // Not incrementalRendering: in ink 6.8 it moves the cursor one line short when the frame
      // ends in a newline, as ours does (rows - 1 tall), and every frame lands a line too high.
      // Ctrl+C reaches the key layers (use-keys.ts quits on it; the console pane reads it).
      // maxFps 240: Ink throttles frames (30 a second by default), and the frame of a key pressed
      // within the throttle's window after the last frame (the list after 1 on Home, a keystroke
      // after the previous one) waits for its trailing edge: up to 33 ms at 30, 5 ms at 240. The
      // screens only change on keys, ticks of the clock and loads, so there is no stream of
      // frames to hold back; renders within 5 ms of each other still make one frame.
      { exitOnCtrlC: false, patchConsole: true, maxFps: 240 },
    );
    await instance.waitUntilExit();
    return 0;
  } finally {
    // Drafts typed in the last moments before quitting are written before the process ends.
    await services.close();
    session.restore();
  }
}
