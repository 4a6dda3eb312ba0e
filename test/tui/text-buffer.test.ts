import { describe, expect, it } from 'vitest';
import { bufferText, createTextBuffer, normalizeText, textBufferReducer, type TextBuffer, type TextBufferAction } from '../../src/tui/editor/text-buffer.js';

function run(b: TextBuffer, ...actions: TextBufferAction[]): TextBuffer {
  return actions.reduce(textBufferReducer, b);
}
const at = (b: TextBuffer) => [b.row, b.col];
const type = (text: string): TextBufferAction => ({ type: 'insert', text });
const mv = (to: Extract<TextBufferAction, { type: 'move' }>['to']): TextBufferAction => ({ type: 'move', to });

describe('normalizeText', () => {
  it('turns CRLF and CR into LF, tabs into two spaces, drops other control characters', () => {
    expect(normalizeText('a\r\nb\rc\n\td\x1b\x07e')).toBe('a\nb\nc\n  de');
  });
});

describe('insert', () => {
  it('types characters at the cursor', () => {
    const b = run(createTextBuffer('ac'), mv('right'), type('b'));
    expect(bufferText(b)).toBe('abc');
    expect(at(b)).toEqual([0, 2]);
  });

  it('inserts a multi-line paste in the middle of a line, cursor after the pasted text', () => {
    const b = run(createTextBuffer('XY'), mv('right'), type('one\r\n  two\rthree'));
    expect(b.lines).toEqual(['Xone', '  two', 'threeY']);
    expect(at(b)).toEqual([2, 5]);
  });

  it('does not auto-indent pasted lines', () => {
    const b = run(createTextBuffer('    key:'), mv('lineEnd'), type('\nvalue'));
    expect(b.lines).toEqual(['    key:', 'value']);
  });

  it('an empty insert changes nothing', () => {
    const b0 = createTextBuffer('abc');
    expect(run(b0, type('\x1b'))).toBe(b0);
  });

  it('tab inserts two spaces', () => {
    const b = run(createTextBuffer('x'), { type: 'tab' });
    expect(bufferText(b)).toBe('  x');
    expect(at(b)).toEqual([0, 2]);
  });
});

describe('newline (Enter)', () => {
  it('keeps the indentation of the current line', () => {
    const b = run(createTextBuffer('  podSelector:'), mv('lineEnd'), { type: 'newline' }, type('x'));
    expect(b.lines).toEqual(['  podSelector:', '  x']);
    expect(at(b)).toEqual([1, 3]);
  });

  it('splits a line at the cursor', () => {
    const b = run(createTextBuffer('    ab'), mv('lineEnd'), mv('left'), { type: 'newline' });
    expect(b.lines).toEqual(['    a', '    b']);
    expect(at(b)).toEqual([1, 4]);
  });

  it('inside the indentation only the part left of the cursor is repeated', () => {
    const b = run(createTextBuffer('    a'), mv('right'), mv('right'), { type: 'newline' });
    expect(b.lines).toEqual(['  ', '    a']);
  });
});

describe('backspace and delete', () => {
  it('backspace removes the character before the cursor', () => {
    const b = run(createTextBuffer('abc'), mv('lineEnd'), { type: 'backspace' });
    expect(bufferText(b)).toBe('ab');
  });

  it('backspace at column 0 joins with the previous line', () => {
    const b = run(createTextBuffer('ab\ncd'), mv('down'), mv('lineStart'), { type: 'backspace' });
    expect(b.lines).toEqual(['abcd']);
    expect(at(b)).toEqual([0, 2]);
  });

  it('backspace at the very start does nothing', () => {
    const b0 = createTextBuffer('ab');
    expect(run(b0, { type: 'backspace' })).toBe(b0);
  });

  it('delete removes the character under the cursor and joins lines at the end of a line', () => {
    let b = run(createTextBuffer('abc\nde'), { type: 'delete' });
    expect(b.lines).toEqual(['bc', 'de']);
    b = run(b, mv('lineEnd'), { type: 'delete' });
    expect(b.lines).toEqual(['bcde']);
    expect(at(b)).toEqual([0, 2]);
    const end = run(b, mv('docEnd'));
    expect(run(end, { type: 'delete' })).toBe(end);
  });
});

describe('cursor movement', () => {
  const text = 'first\nab\nthird line';

  it('left and right wrap across line ends', () => {
    let b = run(createTextBuffer(text), mv('down'), mv('left'));
    expect(at(b)).toEqual([0, 5]);
    b = run(b, mv('right'));
    expect(at(b)).toEqual([1, 0]);
    expect(at(run(createTextBuffer(text), mv('left')))).toEqual([0, 0]);
    expect(at(run(createTextBuffer(text), mv('docEnd'), mv('right')))).toEqual([2, 10]);
  });

  it('up and down clamp to shorter lines but remember the column', () => {
    let b = run(createTextBuffer(text), mv('lineEnd'), mv('down'));
    expect(at(b)).toEqual([1, 2]);
    b = run(b, mv('down'));
    expect(at(b)).toEqual([2, 5]);
  });

  it('up on the first line goes to its start, down on the last to its end', () => {
    expect(at(run(createTextBuffer(text), mv('right'), mv('up')))).toEqual([0, 0]);
    expect(at(run(createTextBuffer(text), mv('docEnd'), mv('lineStart'), mv('lineStart'), mv('down')))).toEqual([2, 10]);
  });

  it('Home goes to the first non-blank, then to column 0; End to the end of the line', () => {
    let b = run(createTextBuffer('    key: v'), mv('lineEnd'), mv('lineStart'));
    expect(at(b)).toEqual([0, 4]);
    b = run(b, mv('lineStart'));
    expect(at(b)).toEqual([0, 0]);
    b = run(b, mv('lineEnd'));
    expect(at(b)).toEqual([0, 10]);
  });

  it('document start and end', () => {
    const b = run(createTextBuffer(text), mv('docEnd'));
    expect(at(b)).toEqual([2, 10]);
    expect(at(run(b, mv('docStart')))).toEqual([0, 0]);
  });

  it('gotoLine puts the cursor on the first non-blank of a clamped line', () => {
    expect(at(run(createTextBuffer('a\n   b'), { type: 'gotoLine', row: 1 }))).toEqual([1, 3]);
    expect(at(run(createTextBuffer('a\n   b'), { type: 'gotoLine', row: 99 }))).toEqual([1, 3]);
  });
});

describe('scrolling', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');

  it('scrolls down just enough to keep the cursor visible', () => {
    let b = createTextBuffer(hundred, 5);
    for (let i = 0; i < 5; i++) b = run(b, mv('down'));
    expect(b.row).toBe(5);
    expect(b.scrollTop).toBe(1);
    for (let i = 0; i < 5; i++) b = run(b, mv('up'));
    expect(b.row).toBe(0);
    expect(b.scrollTop).toBe(0);
  });

  it('page down and up move by a page less one line and keep the cursor in view', () => {
    let b = run(createTextBuffer(hundred, 10), mv('pageDown'));
    expect(b.row).toBe(9);
    expect(b.scrollTop).toBe(9);
    b = run(b, mv('pageDown'), mv('pageUp'));
    expect(b.row).toBe(9);
    expect(b.scrollTop).toBe(9);
    b = run(b, mv('pageUp'));
    expect([b.row, b.scrollTop]).toEqual([0, 0]);
  });

  it('page down near the end does not scroll past the last page', () => {
    const b = run(createTextBuffer(hundred, 10), mv('docEnd'), mv('pageDown'));
    expect(b.row).toBe(99);
    expect(b.scrollTop).toBe(90);
  });

  it('a multi-line paste at the bottom scrolls to the cursor', () => {
    const b = run(createTextBuffer('', 3), type('a\nb\nc\nd\ne'));
    expect(b.row).toBe(4);
    expect(b.scrollTop).toBe(2);
  });

  it('shrinking the viewport keeps the cursor visible', () => {
    let b = run(createTextBuffer(hundred, 20), { type: 'gotoLine', row: 15 });
    expect(b.scrollTop).toBe(0);
    b = run(b, { type: 'resize', height: 5 });
    expect(b.scrollTop).toBe(11);
    expect(run(b, { type: 'resize', height: 0 }).height).toBe(1);
  });
});

describe('setText', () => {
  it('replaces the text and clamps the cursor into it', () => {
    const b = run(createTextBuffer('aaaa\nbbbb\ncccc'), mv('docEnd'), { type: 'setText', text: 'x\r\nyy' });
    expect(b.lines).toEqual(['x', 'yy']);
    expect(at(b)).toEqual([1, 2]);
  });
});

describe('big pastes', () => {
  // 400 KB of short lines crashed insertText (splice with a spread of 100k arguments).
  const shortLines = (bytes: number) => {
    const line = 'k: v';
    return Array.from({ length: Math.ceil(bytes / (line.length + 1)) }, (_, i) => `${line}${i % 10}`).join('\n');
  };

  it('400 KB of short lines, pasted in the middle of a line', () => {
    const paste = shortLines(400 * 1024);
    const b = run(createTextBuffer('head\nab\ntail'), mv('down'), mv('right'), type(paste));
    const count = paste.split('\n').length;
    expect(b.lines).toHaveLength(count + 2);
    expect(b.lines[1]).toBe('ak: v0');
    expect(b.lines[count]).toBe(`${paste.slice(paste.lastIndexOf('\n') + 1)}b`);
    expect(b.lines[count + 1]).toBe('tail');
    expect([b.row, b.col]).toEqual([count, paste.length - paste.lastIndexOf('\n') - 1]);
    expect(bufferText(b)).toBe(`head\na${paste}b\ntail`);
  });

  it('5 MB pasted twice, then edited at both ends', () => {
    const paste = shortLines(5 * 1024 * 1024);
    let b = run(createTextBuffer(''), type(paste), type('\n'), type(paste));
    expect(b.lines).toHaveLength(paste.split('\n').length * 2);
    b = run(b, mv('docStart'), type('# start\n'), mv('docEnd'), { type: 'backspace' });
    expect(b.lines[0]).toBe('# start');
    expect(bufferText(b).length).toBe(paste.length * 2 + 1 + '# start\n'.length - 1);
  });

  it('setText with 5 MB of lines (an external editor returning a big file)', () => {
    const text = shortLines(5 * 1024 * 1024);
    const b = textBufferReducer(createTextBuffer('x'), { type: 'setText', text });
    expect(b.lines).toHaveLength(text.split('\n').length);
  });
});
