// Editing a draft in the user's own editor ($KUBE_EDITOR as kubectl edit, $VISUAL, $EDITOR, else vi). The terminal is handed
// over for the duration (see TerminalControl.suspend) and the edited file is read back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TerminalControl } from './terminal.js';
import { editorCommand } from './editor-command.js';

export type ExternalEditResult = { ok: true; text: string } | { ok: false; message: string };

export { editorCommand };

export interface ExternalEditOptions {
  env?: NodeJS.ProcessEnv;
  terminal?: Pick<TerminalControl, 'suspend' | 'resume'>;
  /** Name of the temporary file; the extension lets editors pick YAML highlighting. */
  fileName?: string;
}

/**
 * Runs `sh -c '$EDITOR "$1"'` on a temporary file holding `text` (the shell splits an EDITOR
 * such as "code --wait"; the file name is passed as an argument, never spliced into the command).
 */
export function editExternally(text: string, options: ExternalEditOptions = {}): ExternalEditResult {
  const env = options.env ?? process.env;
  const editor = editorCommand(env);
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-'));
  const file = path.join(dir, options.fileName ?? 'answer.yaml');
  try {
    // Editors end files with a newline; the draft gets it only in the file, not back.
    const addedNewline = !text.endsWith('\n');
    writeFileSync(file, addedNewline ? text + '\n' : text);
    options.terminal?.suspend();
    let result;
    try {
      result = spawnSync('sh', ['-c', `${editor} "$1"`, 'netpol-dojo-editor', file], { stdio: 'inherit', env });
    } finally {
      options.terminal?.resume();
    }
    if (result.error) return { ok: false, message: `could not start ${editor}: ${result.error.message}` };
    if (result.status !== 0) {
      return { ok: false, message: `${editor} exited with ${result.signal ?? `status ${result.status}`}; the draft is unchanged` };
    }
    const edited = readFileSync(file, 'utf8');
    return { ok: true, text: addedNewline && edited.endsWith('\n') ? edited.slice(0, -1) : edited };
  } catch (e) {
    return { ok: false, message: `external editor failed: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
