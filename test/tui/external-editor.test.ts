import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editExternally, editorCommand } from '../../src/tui/external-editor.js';

const dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-test-'));
function script(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('editorCommand', () => {
  it('prefers KUBE_EDITOR (as kubectl edit does), then VISUAL, then EDITOR, then vi', () => {
    expect(editorCommand({ KUBE_EDITOR: 'code --wait', VISUAL: 'nano', EDITOR: 'vim' })).toBe('code --wait');
    expect(editorCommand({ KUBE_EDITOR: ' ', EDITOR: 'vim' })).toBe('vim');
    expect(editorCommand({ VISUAL: 'nano', EDITOR: 'vim' })).toBe('nano');
    expect(editorCommand({ EDITOR: 'vim' })).toBe('vim');
    expect(editorCommand({ VISUAL: ' ', EDITOR: '' })).toBe('vi');
  });
});

describe('editExternally', () => {
  it('gives the editor the draft in a .yaml file and reads back what it saved', () => {
    const editor = script('sed-editor', 'case "$1" in *.yaml) ;; *) exit 3;; esac\nsed -i "s/port: 80/port: 8080/" "$1"');
    const calls: string[] = [];
    const r = editExternally('ports:\n- port: 80', {
      env: { ...process.env, VISUAL: '', EDITOR: editor },
      terminal: { suspend: () => calls.push('suspend'), resume: () => calls.push('resume') },
    });
    expect(r).toEqual({ ok: true, text: 'ports:\n- port: 8080' });
    expect(calls).toEqual(['suspend', 'resume']);
  });

  it('passes EDITOR through the shell, so editors with arguments work', () => {
    const editor = script('append-arg', 'printf "%s\\n" "$1" >> "$2"');
    const r = editExternally('a: 1\n', { env: { ...process.env, VISUAL: `${editor} "b: 2"` } });
    expect(r).toEqual({ ok: true, text: 'a: 1\nb: 2\n' });
  });

  it('a failing editor leaves the draft alone and says why; the terminal is taken back anyway', () => {
    const calls: string[] = [];
    const r = editExternally('x', {
      env: { ...process.env, VISUAL: '', EDITOR: script('fails', 'exit 4') },
      terminal: { suspend: () => calls.push('suspend'), resume: () => calls.push('resume') },
    });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/status 4; the draft is unchanged/);
    expect(calls).toEqual(['suspend', 'resume']);
  });
});
