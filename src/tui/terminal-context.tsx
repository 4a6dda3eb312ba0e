// Gives components what they may ask of the terminal, without reaching for process.stdout:
// bracketed paste on/off, and running $EDITOR while the TUI steps aside.
import React, { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { Box } from 'ink';
import { NO_TERMINAL_CONTROL, type TerminalControl } from './terminal.js';
import type { ExternalEditResult } from './external-editor.js';

/** Loaded when first used: child_process and fs are not needed for the first frame. */
const editExternally: typeof import('./external-editor.js').editExternally = (...args) => loadedEditor!(...args);
let loadedEditor: typeof import('./external-editor.js').editExternally | undefined;
async function editorModule() {
  loadedEditor ??= (await import('./external-editor.js')).editExternally;
}

export interface TerminalUi {
  setBracketedPaste(on: boolean): void;
  openExternalEditor(text: string): Promise<ExternalEditResult>;
}

const TerminalUiContext = createContext<TerminalUi>({
  setBracketedPaste: () => {},
  openExternalEditor: async (text) => {
    await editorModule();
    return editExternally(text);
  },
});

export function useTerminalUi(): TerminalUi {
  return useContext(TerminalUiContext);
}

/** Long enough for Ink (30 fps throttle) to draw the empty frame before the editor takes over. */
const BLANK_FRAME_MS = 60;

export function TerminalProvider(props: { control?: TerminalControl; env?: NodeJS.ProcessEnv; children: React.ReactNode }) {
  const control = props.control ?? NO_TERMINAL_CONTROL;
  const env = props.env;
  const [suspended, setSuspended] = useState(false);

  const openExternalEditor = useCallback(
    async (text: string) => {
      // Draw an empty frame first: coming back, Ink then sees a changed frame and redraws it all
      // on the freshly cleared screen. The UI stays mounted (hidden), so no state is lost.
      setSuspended(true);
      await editorModule();
      await new Promise((resolve) => setTimeout(resolve, BLANK_FRAME_MS));
      try {
        return editExternally(text, { env, terminal: control });
      } finally {
        setSuspended(false);
      }
    },
    [control, env],
  );

  const value = useMemo<TerminalUi>(
    () => ({
      setBracketedPaste: (on) => control.setBracketedPaste(on),
      openExternalEditor,
    }),
    [control, openExternalEditor],
  );

  return (
    <TerminalUiContext.Provider value={value}>
      <Box display={suspended ? 'none' : 'flex'} flexDirection="column">
        {props.children}
      </Box>
    </TerminalUiContext.Provider>
  );
}
