import { describe, expect, it } from 'vitest';
import { PasteCollector, keysIn, parseKey, splitIntoKeys } from '../../src/tui/input/keys.js';

const name = (seq: string) => parseKey(seq).name;

describe('parseKey', () => {
  it('names the sequences xterm-like terminals send', () => {
    expect(name('\x1b[A')).toBe('up');
    expect(name('\x1bOB')).toBe('down');
    expect(name('\x1b[H')).toBe('home');
    expect(name('\x1b[1~')).toBe('home');
    expect(name('\x1b[F')).toBe('end');
    expect(name('\x1b[4~')).toBe('end');
    expect(name('\x1b[5~')).toBe('pageUp');
    expect(name('\x1b[6~')).toBe('pageDown');
    expect(name('\x1b[15~')).toBe('f5');
    expect(name('\x1bOP')).toBe('f1');
    expect(name('\r')).toBe('enter');
    expect(name('\t')).toBe('tab');
    expect(name('\x1b')).toBe('escape');
  });

  it('tells Backspace (DEL or ^H) from the Delete key', () => {
    expect(name('\x7f')).toBe('backspace');
    expect(name('\b')).toBe('backspace');
    expect(name('\x1b[3~')).toBe('delete');
  });

  it('reads xterm modifiers', () => {
    expect(parseKey('\x1b[1;5H')).toMatchObject({ name: 'home', ctrl: true, shift: false });
    expect(parseKey('\x1b[1;2A')).toMatchObject({ name: 'up', shift: true, ctrl: false });
    expect(parseKey('\x1b[Z')).toMatchObject({ name: 'backTab', shift: true });
  });

  it('names control characters by their letter', () => {
    expect(parseKey('\x13')).toMatchObject({ name: 'ctrl', letter: 's', ctrl: true });
    expect(parseKey('\x05')).toMatchObject({ name: 'ctrl', letter: 'e' });
    expect(parseKey('\x03')).toMatchObject({ name: 'ctrl', letter: 'c' });
  });

  it('printable text is a char event, fast typing included; text with line breaks is a paste', () => {
    expect(parseKey('q')).toMatchObject({ name: 'char', text: 'q', shift: false });
    expect(parseKey('Q')).toMatchObject({ name: 'char', text: 'Q', shift: true });
    expect(parseKey('jj')).toMatchObject({ name: 'char', text: 'jj' });
    expect(parseKey('a: 1\rb: 2')).toMatchObject({ name: 'paste', text: 'a: 1\rb: 2' });
  });

  it('Alt+key is the key with meta', () => {
    expect(parseKey('\x1bx')).toMatchObject({ name: 'char', text: 'x', meta: true });
  });
});

describe('PasteCollector', () => {
  it('passes keys through outside a paste', () => {
    const c = new PasteCollector();
    expect(c.feed('a')).toEqual([{ kind: 'key', sequence: 'a' }]);
    expect(c.feed('\x1b')).toEqual([{ kind: 'key', sequence: '\x1b' }]);
  });

  it('collects a paste that spans several chunks into one event', () => {
    const c = new PasteCollector();
    expect(c.feed('\x1b[200~')).toEqual([]);
    expect(c.inPaste).toBe(true);
    expect(c.feed('kind: Net')).toEqual([]);
    expect(c.feed('\x1b')).toEqual([]);
    expect(c.feed('workPolicy\r')).toEqual([]);
    expect(c.feed('\x1b[201~')).toEqual([{ kind: 'paste', text: 'kind: Net\x1bworkPolicy\r' }]);
    expect(c.inPaste).toBe(false);
  });

  it('finds markers split across chunks, with keys before and after', () => {
    const c = new PasteCollector();
    expect(c.feed('x\x1b[20')).toEqual([{ kind: 'key', sequence: 'x' }]);
    expect(c.feed('0~ab\x1b[2')).toEqual([]);
    expect(c.feed('01~y')).toEqual([
      { kind: 'paste', text: 'ab' },
      { kind: 'key', sequence: 'y' },
    ]);
  });

  it('a held partial marker that turns out to be something else is passed on', () => {
    const c = new PasteCollector();
    expect(c.feed('\x1b[')).toEqual([]);
    expect(c.feed('A')).toEqual([{ kind: 'key', sequence: '\x1b[A' }]);
  });

  it('flush ends a paste whose end marker never came', () => {
    const c = new PasteCollector();
    c.feed('\x1b[200~half');
    expect(c.flush()).toEqual([{ kind: 'paste', text: 'half' }]);
    expect(c.flush()).toEqual([]);
  });
});

describe('keysIn', () => {
  const names = (seq: string) => keysIn(seq).map((k) => k.name);

  it('splits keys that shared one read: held Backspace, repeated Enter, typing then Backspace', () => {
    expect(names('\x7f\x7f\x7f')).toEqual(['backspace', 'backspace', 'backspace']);
    expect(names('\r\r')).toEqual(['enter', 'enter']);
    expect(names('ab\x7f')).toEqual(['char', 'char', 'backspace']);
  });

  it('keeps text with line breaks as one unbracketed paste, and fast typing as one char event', () => {
    expect(keysIn('a: 1\r  b: 2')).toEqual([expect.objectContaining({ name: 'paste', text: 'a: 1\r  b: 2' })]);
    expect(keysIn('abc')).toEqual([expect.objectContaining({ name: 'char', text: 'abc' })]);
    expect(names('\x1b[A')).toEqual(['up']);
  });

  it('reads text then one Tab in one read as typing and a Tab key (completion asked for while the app was busy)', () => {
    expect(keysIn('kubectl label ns fron\t')).toEqual([
      expect.objectContaining({ name: 'char', text: 'kubectl label ns fron' }),
      expect.objectContaining({ name: 'tab' }),
    ]);
    // Tabs inside the text, or line breaks with it: still a paste.
    expect(names('a\tb\t')).toEqual(['paste']);
    expect(names('a: 1\r  b:\t')).toEqual(['paste']);
    expect(names('\t\t')).toEqual(['tab', 'tab']);
  });
});

describe('splitIntoKeys', () => {
  it('turns pasted or fast-typed text into one key per character, CRLF as one Enter', () => {
    expect(splitIntoKeys(parseKey('jj\r\n')).map((k) => [k.name, k.text])).toEqual([
      ['char', 'j'],
      ['char', 'j'],
      ['enter', ''],
    ]);
    const up = parseKey('\x1b[A');
    expect(splitIntoKeys(up)).toEqual([up]);
  });
});
