// Mounts the app on the real terminal (loaded by main.tsx only after the environment is set).
import React from 'react';
import { render } from 'ink';
import { App, type AppProps } from './App.js';
import { TerminalProvider } from './terminal-context.js';
import { takeOverTerminal } from './terminal.js';

export async function startApp(options: { env?: NodeJS.ProcessEnv } & AppProps = {}): Promise<number> {
  const { env, ...appProps } = options;
  const session = takeOverTerminal(process.stdin, process.stdout);
  try {
    const instance = render(
      <TerminalProvider control={session} env={env}>
        <App {...appProps} />
      </TerminalProvider>,
      { exitOnCtrlC: true, patchConsole: true },
    );
    await instance.waitUntilExit();
    return 0;
  } finally {
    session.restore();
  }
}
