import { afterEach, describe, expect, it, vi } from 'vitest';
import React from 'react';
import { YamlEditor, type YamlEditorProps } from '../../src/tui/editor/YamlEditor.js';
import { TerminalProvider } from '../../src/tui/terminal-context.js';
import type { TerminalControl } from '../../src/tui/terminal.js';
import { KEY, cleanupRendered, frameLines, renderAt, sendKeys, waitForFrame } from './helpers.js';

afterEach(cleanupRendered);

function editor(props: Partial<YamlEditorProps> = {}) {
  const r = renderAt(<YamlEditor width={40} height={6} {...props} />, { columns: 40, rows: 10 });
  return r;
}

describe('YamlEditor', () => {
  it('shows numbered lines, empty rows as ~, and the cursor position', async () => {
    const { lastFrame } = editor({ initialText: 'kind: NetworkPolicy\nspec: {}' });
    const frame = await waitForFrame(lastFrame, 'Ln 1, Col 1');
    expect(frameLines(frame)).toEqual(['   1 kind: NetworkPolicy', '   2 spec: {}', '   ~', '   ~', '   ~', 'Ln 1, Col 1']);
  });

  it('types text, moves with arrows, and tells Backspace from Delete', async () => {
    const { stdin, lastFrame } = editor({ initialText: 'abcd' });
    await sendKeys(stdin, KEY.end, 'X', KEY.home, KEY.right, KEY.backspace, KEY.delete);
    const frame = await waitForFrame(lastFrame, 'Ln 1, Col 1');
    expect(frameLines(frame)[0]).toBe('   1 cdX');
  });

  it('Enter keeps the indentation and Tab indents by two spaces', async () => {
    const { stdin, lastFrame } = editor({ initialText: '  podSelector:' });
    await sendKeys(stdin, KEY.end, KEY.enter, KEY.tab, 'matchLabels:');
    const frame = await waitForFrame(lastFrame, 'Ln 2, Col 17');
    expect(frameLines(frame).slice(0, 2)).toEqual(['   1   podSelector:', '   2     matchLabels:']);
  });

  it('inserts a bracketed paste as one text, even when it and its markers span reads', async () => {
    const onChange = vi.fn();
    const { stdin, lastFrame } = editor({ onChange });
    await sendKeys(stdin, '\x1b[200~- from:\r', '  - podSelector: {}\r\n\tports', '\x1b[20', '1~');
    const frame = await waitForFrame(lastFrame, 'Ln 3, Col 8');
    expect(frameLines(frame).slice(0, 3)).toEqual(['   1 - from:', '   2   - podSelector: {}', '   3   ports']);
    expect(onChange).toHaveBeenLastCalledWith('- from:\n  - podSelector: {}\n  ports');
  });

  it('inserts an unbracketed paste (one read with \\r between lines) without auto-indent', async () => {
    const { stdin, lastFrame } = editor({ initialText: '    x' });
    await sendKeys(stdin, KEY.end, 'a: 1\rb: 2');
    const frame = await waitForFrame(lastFrame, 'Ln 2, Col 5');
    expect(frameLines(frame).slice(0, 2)).toEqual(['   1     xa: 1', '   2 b: 2']);
  });

  it('marks the line the parser blames and shows the message', async () => {
    const { lastFrame } = editor({ initialText: 'a: 1\nb: [\nc: 3', errorLine: 2, errorMessage: 'missing ]' });
    const frame = await waitForFrame(lastFrame, 'missing');
    const lines = frameLines(frame);
    expect(lines[0]).toBe('   1 a: 1');
    expect(lines[1]).toBe('!  2 b: [');
    expect(lines[5]).toBe('! line 2: missing ]');
  });

  it('Ctrl+S and F5 submit the text including the keys typed just before; Esc cancels', async () => {
    const onSubmit = vi.fn();
    const onCancel = vi.fn();
    const { stdin } = editor({ initialText: 'a', onSubmit, onCancel });
    await sendKeys(stdin, KEY.end, 'b', KEY.ctrlS);
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith('ab'));
    await sendKeys(stdin, 'c', KEY.f5);
    await vi.waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith('abc'));
    await sendKeys(stdin, KEY.esc);
    await vi.waitFor(() => expect(onCancel).toHaveBeenCalledWith('abc'));
  });

  it('Ctrl+E hands the draft to the external editor and takes back what it returns', async () => {
    const onOpenExternalEditor = vi.fn(async (text: string) => `${text}\nadded: yes`);
    const { stdin, lastFrame } = editor({ initialText: 'kind: Pod', onOpenExternalEditor });
    await sendKeys(stdin, KEY.ctrlE);
    const frame = await waitForFrame(lastFrame, 'added: yes');
    expect(onOpenExternalEditor).toHaveBeenCalledWith('kind: Pod');
    expect(frameLines(frame)[1]).toBe('   2 added: yes');
  });

  it('scrolls with PgDn and Ctrl+End so that the cursor stays visible', async () => {
    const text = Array.from({ length: 30 }, (_, i) => `k${i + 1}: v`).join('\n');
    const { stdin, lastFrame } = editor({ initialText: text });
    await sendKeys(stdin, KEY.pgDn);
    let frame = await waitForFrame(lastFrame, 'Ln 5, Col 1');
    expect(frameLines(frame)[0]).toBe('   5 k5: v');
    await sendKeys(stdin, KEY.ctrlEnd);
    frame = await waitForFrame(lastFrame, 'Ln 30, Col 7');
    expect(frameLines(frame).slice(0, 5)).toEqual(['  26 k26: v', '  27 k27: v', '  28 k28: v', '  29 k29: v', '  30 k30: v']);
    await sendKeys(stdin, KEY.ctrlHome);
    await waitForFrame(lastFrame, (f) => f.includes('Ln 1, Col 1') && frameLines(f)[0] === '   1 k1: v');
  });

  it('an inactive editor ignores keys', async () => {
    const { stdin, lastFrame } = editor({ initialText: 'a', isActive: false });
    await waitForFrame(lastFrame, '1 a');
    // sendKeys returns once the app has settled from each key.
    await sendKeys(stdin, 'zzz', KEY.enter);
    expect(frameLines(lastFrame())[0]).toBe('   1 a');
    expect(lastFrame()).not.toContain('zzz');
  });

  it('turns bracketed paste on while active and off when it stops', async () => {
    const calls: boolean[] = [];
    const control: TerminalControl = { setBracketedPaste: (on) => calls.push(on), suspend() {}, resume() {} };
    const { instance } = renderAt(
      <TerminalProvider control={control}>
        <YamlEditor width={40} height={5} />
      </TerminalProvider>,
    );
    await vi.waitFor(() => expect(calls).toEqual([true]));
    instance.rerender(
      <TerminalProvider control={control}>
        <YamlEditor width={40} height={5} isActive={false} />
      </TerminalProvider>,
    );
    await vi.waitFor(() => expect(calls).toEqual([true, false]));
  });
});

describe('YamlEditor editing commands', () => {
  it('Ctrl+Z undoes a typed word at once, Ctrl+Y redoes it', async () => {
    const { stdin, lastFrame } = editor({ initialText: 'a: 1' });
    await sendKeys(stdin, KEY.end, 'x', 'y', 'z');
    await waitForFrame(lastFrame, '1 a: 1xyz');
    await sendKeys(stdin, KEY.ctrlZ);
    await waitForFrame(lastFrame, (f) => frameLines(f)[0] === '   1 a: 1');
    await sendKeys(stdin, KEY.ctrlY);
    await waitForFrame(lastFrame, (f) => frameLines(f)[0] === '   1 a: 1xyz');
    // A new edit after an undo drops what could be redone.
    await sendKeys(stdin, KEY.ctrlZ, '!', KEY.ctrlY);
    await waitForFrame(lastFrame, (f) => frameLines(f)[0] === '   1 a: 1!');
  });

  it('Ctrl+K deletes the line; Ctrl+L clears the answer and Ctrl+Z brings it back', async () => {
    const onChange = vi.fn();
    const { stdin, lastFrame } = editor({ initialText: 'one\ntwo\nthree', onChange });
    await sendKeys(stdin, KEY.down, KEY.ctrlK);
    let f = await waitForFrame(lastFrame, (x) => frameLines(x)[1] === '   2 three');
    expect(frameLines(f)[0]).toBe('   1 one');
    expect(onChange).toHaveBeenLastCalledWith('one\nthree');
    await sendKeys(stdin, KEY.ctrlL);
    f = await waitForFrame(lastFrame, (x) => frameLines(x)[1] === '   ~');
    expect(onChange).toHaveBeenLastCalledWith('');
    await sendKeys(stdin, KEY.ctrlZ);
    await waitForFrame(lastFrame, (x) => frameLines(x)[1] === '   2 three');
    await sendKeys(stdin, KEY.ctrlZ);
    await waitForFrame(lastFrame, (x) => frameLines(x)[1] === '   2 two');
  });

  it('spaces typed after Enter replace its indentation instead of stacking on it', async () => {
    const { stdin, lastFrame } = editor({ initialText: '  podSelector:' });
    // As a learner types a line with its own indentation, one key at a time.
    await sendKeys(stdin, KEY.end, KEY.enter, ' ', ' ', ' ', ' ', 'm');
    const f = await waitForFrame(lastFrame, 'Ln 2, Col 6');
    expect(frameLines(f)[1]).toBe('   2     m');
    // Enter then text keeps the indentation of the line above.
    await sendKeys(stdin, KEY.enter, 'x');
    await waitForFrame(lastFrame, (x) => frameLines(x)[2] === '   3     x');
  });
});
