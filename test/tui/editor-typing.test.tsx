// What keeps a keystroke cheap in a long draft: the editor lays out only the rows in view, and
// the live matrix follows completed edits (not every letter of a word being typed).
import { afterEach, describe, expect, it, vi } from 'vitest';
import React from 'react';
import { YamlEditor } from '../../src/tui/editor/YamlEditor.js';
import { AnswerEditor } from '../../src/tui/components/AnswerEditor.js';
import { preparedStep } from '../../src/core/bank/prepare.js';
import { matrixLayout } from '../../src/tui/practice/world.js';
import { KEY, bracketedPaste, cleanupRendered, frameLines, renderAt } from './helpers.js';
import { bank } from './fixtures.js';

afterEach(cleanupRendered);

const draft = Array.from({ length: 300 }, (_, i) => `k${i + 1}: v`).join('\n');

describe('a 300-line draft', () => {
  it('lays out only the rows in view, before and after a scroll', async () => {
    const r = renderAt(<YamlEditor initialText={draft} width={40} height={6} />, { columns: 40, rows: 10 });
    let frame = await r.waitFor('Ln 1, Col 1');
    expect(frameLines(frame)).toEqual(['   1 k1: v', '   2 k2: v', '   3 k3: v', '   4 k4: v', '   5 k5: v', 'Ln 1, Col 1']);
    frame = await r.pressUntil('Ln 300, Col 8', KEY.ctrlEnd);
    expect(frameLines(frame)).toEqual([' 296 k296: v', ' 297 k297: v', ' 298 k298: v', ' 299 k299: v', ' 300 k300: v', 'Ln 300, Col 8']);
    frame = await r.pressUntil('Ln 300, Col 9', 'x');
    expect(frameLines(frame)[4]).toBe(' 300 k300: vx');
    expect(frame).not.toContain('k295');
  });
});

describe('settled text', () => {
  it('comes after a completed edit: a space, Enter, Backspace, a move or a paste, not each letter of a run', async () => {
    const onSettledChange = vi.fn();
    const onChange = vi.fn();
    const r = renderAt(<YamlEditor initialText="a" width={40} height={6} onChange={onChange} onSettledChange={onSettledChange} />, { columns: 40, rows: 10 });
    await r.waitFor('Ln 1, Col 1');
    await r.press(KEY.end);
    onSettledChange.mockClear();
    await r.press('b', 'c');
    await r.waitFor('1 abc');
    expect(onChange).toHaveBeenLastCalledWith('abc');
    expect(onSettledChange).not.toHaveBeenCalled();
    await r.press(' ');
    expect(onSettledChange).toHaveBeenLastCalledWith('abc ');
    await r.press('d', KEY.left);
    expect(onSettledChange).toHaveBeenLastCalledWith('abc d');
    await r.press(KEY.backspace);
    expect(onSettledChange).toHaveBeenLastCalledWith('abcd');
    await r.press(KEY.end, 'e', KEY.enter);
    expect(onSettledChange).toHaveBeenLastCalledWith('abcde\n');
    await r.press(bracketedPaste('f: g'));
    expect(onSettledChange).toHaveBeenLastCalledWith('abcde\nf: g');
  });
});

describe('the live matrix', () => {
  it('follows completed edits at once, and a run of letters only once it ends', async () => {
    const scenario = bank().byId.get('exercise-1')!;
    const prep = preparedStep(scenario, 1).prepared!;
    const layout = matrixLayout(prep);
    const noop = () => {};
    const r = renderAt(
      <AnswerEditor
        prep={prep}
        layout={layout}
        initialText=""
        width={100}
        height={20}
        isActive
        onChange={noop}
        onSubmit={noop}
        onCancel={noop}
        onHelp={noop}
        previewPauseMs={3_600_000}
      />,
      { columns: 100, rows: 24 },
    );
    await r.waitFor('✓ allowed');
    // "kind" typed letter by letter: mid-word, the matrix is not recomputed (the text would not load).
    await r.press('k', 'i', 'n', 'd');
    expect(r.lastFrame()).toContain('1 kind');
    expect(r.lastFrame()).toContain('✓ allowed');
    // The word ends (Enter): the matrix follows at once (no timer to wait for: the frames right
    // after the key say it), and says the draft does not load.
    await r.press(KEY.enter);
    expect(r.lastFrame()).toContain('draft does not load');
  });
});
