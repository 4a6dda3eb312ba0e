// Gives components what they may ask of the terminal, without reaching for process.stdout:
// bracketed paste on/off, and running $EDITOR while the TUI steps aside.
import React, { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { Box } from 'ink';
import { NO_TERMINAL_CONTROL, type TerminalControl } from './terminal.js';
import type { ExternalEditResult } from './external-editor.js';
import { editorCommand } from './editor-command.js';

/** Loaded when first used: child_process and fs are not needed for the first frame. */
const editExternally: typeof import('./external-editor.js').editExternally = (...args) => loadedEditor!(...args);
let loadedEditor: typeof import('./external-editor.js').editExternally | undefined;
async function editorModule() {
  loadedEditor ??= (await import('./external-editor.js')).editExternally;
}

export interface TerminalUi {
  setBracketedPaste(on: boolean): void;
  /** `fileName` names the temporary file (kubectl edit's), so editors pick YAML highlighting. */
  openExternalEditor(text: string, fileName?: string): Promise<ExternalEditResult>;
  /** The editor's command ($KUBE_EDITOR, $VISUAL, $EDITOR or vi), for messages. */
  editorName(): string;
}

const TerminalUiContext = createContext<TerminalUi>({
  setBracketedPaste: () => {},
  openExternalEditor: async (text, fileName) => {
    await editorModule();
    return editExternally(text, { fileName });
  },
  editorName: () => editorCommand(process.env),
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
    async (text: string, fileName?: string) => {
      // Draw an empty frame first: coming back, Ink then sees a changed frame and redraws it all
      // on the freshly cleared screen. The UI stays mounted (hidden), so no state is lost.
      setSuspended(true);
      await editorModule();
      await new Promise((resolve) => setTimeout(resolve, BLANK_FRAME_MS));
      try {
        return editExternally(text, { env, terminal: control, fileName });
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
      editorName: () => editorCommand(env ?? process.env),
    }),
    [control, env, openExternalEditor],
  );

  return (
    <TerminalUiContext.Provider value={value}>
      <Box display={suspended ? 'none' : 'flex'} flexDirection="column">
        {props.children}
      </Box>
    </TerminalUiContext.Provider>
  );
}
