// Terminal input as key presses. Ink's `useInput` reports both Backspace (\x7f) and Delete (ESC[3~)
// as `key.delete` and has no bracketed paste, so the TUI reads the raw sequences Ink has already
// split apart and names them here. Pure functions, tested without a terminal.

export type KeyName =
  | 'char'
  | 'paste'
  | 'enter'
  | 'escape'
  | 'tab'
  | 'backTab'
  | 'backspace'
  | 'delete'
  | 'insert'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageUp'
  | 'pageDown'
  | 'f1'
  | 'f2'
  | 'f3'
  | 'f4'
  | 'f5'
  | 'f6'
  | 'f7'
  | 'f8'
  | 'f9'
  | 'f10'
  | 'f11'
  | 'f12'
  | 'pasteStart'
  | 'pasteEnd'
  /** A control character; `letter` says which (Ctrl+S is name 'ctrl', letter 's'). */
  | 'ctrl'
  | 'unknown';

export interface KeyPress {
  name: KeyName;
  /** Printable text for 'char' (may be several characters when typing fast) and 'paste'. */
  text: string;
  /** For name 'ctrl': the lower-case letter. */
  letter: string;
  ctrl: boolean;
  shift: boolean;
  meta: boolean;
  /** The raw sequence, for debugging. */
  sequence: string;
}

const ESC = '\x1b';
export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

function key(name: KeyName, sequence: string, extra: Partial<KeyPress> = {}): KeyPress {
  return { name, text: '', letter: '', ctrl: false, shift: false, meta: false, sequence, ...extra };
}

const CSI_LETTER: Record<string, KeyName> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  Z: 'backTab',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

const CSI_TILDE: Record<string, KeyName> = {
  1: 'home',
  2: 'insert',
  3: 'delete',
  4: 'end',
  5: 'pageUp',
  6: 'pageDown',
  7: 'home',
  8: 'end',
  11: 'f1',
  12: 'f2',
  13: 'f3',
  14: 'f4',
  15: 'f5',
  17: 'f6',
  18: 'f7',
  19: 'f8',
  20: 'f9',
  21: 'f10',
  23: 'f11',
  24: 'f12',
  200: 'pasteStart',
  201: 'pasteEnd',
};

/** xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4). */
function modifiers(param: string | undefined): Pick<KeyPress, 'shift' | 'meta' | 'ctrl'> {
  const bits = Math.max(0, Number(param ?? '1') - 1);
  return { shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0 };
}

function parseEscape(seq: string): KeyPress {
  let body = seq.slice(1);
  let meta = false;
  if (body.startsWith(ESC)) {
    meta = true;
    body = body.slice(1);
  }
  if (body === '') return key('escape', seq, { meta });
  const csi = /^\[(?:(\d+)(?:;(\d+))?)?([~A-Za-z])$/.exec(body);
  if (csi) {
    const [, num, mod, final] = csi;
    const name = final === '~' ? CSI_TILDE[num ?? ''] : num !== undefined && num !== '1' ? undefined : CSI_LETTER[final];
    if (!name) return key('unknown', seq);
    const mods = modifiers(mod);
    return key(name, seq, { ...mods, meta: mods.meta || meta, shift: mods.shift || name === 'backTab' });
  }
  const ss3 = /^O([A-Za-z])$/.exec(body);
  if (ss3 && CSI_LETTER[ss3[1]]) return key(CSI_LETTER[ss3[1]], seq, { meta });
  if (body.length === 1) {
    // Alt+key arrives as ESC followed by the key.
    const inner = parseKey(body);
    return { ...inner, meta: true, sequence: seq };
  }
  return key('unknown', seq);
}

/** Names one input event as Ink's input parser delivers it (one escape sequence, or a run of text). */
export function parseKey(seq: string): KeyPress {
  if (seq.startsWith(ESC)) return parseEscape(seq);
  if (seq === '\r' || seq === '\n') return key('enter', seq);
  if (seq === '\t') return key('tab', seq);
  if (seq === '\x7f' || seq === '\b') return key('backspace', seq);
  if (seq.length === 1 && seq < ' ') {
    const letter = String.fromCharCode(seq.charCodeAt(0) + 96);
    return key('ctrl', seq, { ctrl: true, letter });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(seq)) {
    // Several characters including line breaks at once: an unbracketed paste.
    return key('paste', seq, { text: seq });
  }
  if (seq === '') return key('unknown', seq);
  return key('char', seq, { text: seq, shift: seq.length === 1 && seq !== seq.toLowerCase() });
}

/**
 * One key press per character, for layers where text is not text but commands (a menu):
 * "jj" typed fast, or "jjj\r" sent at once, are three moves and an Enter there.
 */
export function splitIntoKeys(key: KeyPress): KeyPress[] {
  if (key.name !== 'paste' && !(key.name === 'char' && key.text.length > 1)) return [key];
  return Array.from(key.text.replace(/\r\n/g, '\r')).map(parseKey);
}

/**
 * The key presses in one input event. Keys pressed quickly, or held down, can share one read:
 * "\x7f\x7f" is two Backspaces and "\r\r" two Enters. Text mixed with line breaks or tabs
 * (and nothing else) is an unbracketed paste and stays one event, but for a single trailing Tab.
 */
export function keysIn(sequence: string): KeyPress[] {
  if (sequence.length <= 1 || sequence.startsWith(ESC)) return [parseKey(sequence)];
  // eslint-disable-next-line no-control-regex
  const onlyPasteControls = !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(sequence);
  // eslint-disable-next-line no-control-regex
  const hasPrintable = /[^\x00-\x1f\x7f]/.test(sequence);
  if (onlyPasteControls && hasPrintable) {
    // Text, then one Tab at its end and no other break: keys typed while the app was busy (a
    // command, then Tab to complete it), not a paste: pasted text seldom ends in a lone tab.
    const text = sequence.slice(0, -1);
    if (sequence.endsWith('\t') && !/[\t\r\n]/.test(text)) return [parseKey(text), parseKey('\t')];
    return [parseKey(sequence)];
  }
  return Array.from(sequence).map(parseKey);
}

export function pasteKey(text: string): KeyPress {
  return key('paste', text, { text });
}

export type InputEvent = { kind: 'key'; sequence: string } | { kind: 'paste'; text: string };

/**
 * Collects bracketed paste (ESC[200~ ... ESC[201~) into one event. The paste may arrive in many
 * chunks, and a marker itself may be split when a chunk boundary falls inside it.
 */
export class PasteCollector {
  private pasting = false;
  private buffer = '';
  /** A possible start of the paste marker, held until the next event decides. */
  private held = '';

  get inPaste(): boolean {
    return this.pasting;
  }

  feed(sequence: string): InputEvent[] {
    const out: InputEvent[] = [];
    let rest = this.held + sequence;
    this.held = '';
    while (rest !== '') {
      if (this.pasting) {
        this.buffer += rest;
        rest = '';
        const end = this.buffer.indexOf(PASTE_END);
        if (end === -1) break;
        out.push({ kind: 'paste', text: this.buffer.slice(0, end) });
        rest = this.buffer.slice(end + PASTE_END.length);
        this.buffer = '';
        this.pasting = false;
        continue;
      }
      const start = rest.indexOf(PASTE_START);
      if (start === -1) {
        // Hold a trailing "ESC[", "ESC[2"... (not keys by themselves); a lone ESC is the
        // Escape key and must not wait.
        const esc = rest.lastIndexOf(ESC);
        const tail = esc === -1 ? '' : rest.slice(esc);
        if (tail.length >= 2 && tail.length < PASTE_START.length && PASTE_START.startsWith(tail)) {
          this.held = tail;
          rest = rest.slice(0, esc);
        }
        if (rest !== '') out.push({ kind: 'key', sequence: rest });
        break;
      }
      if (start > 0) out.push({ kind: 'key', sequence: rest.slice(0, start) });
      this.pasting = true;
      rest = rest.slice(start + PASTE_START.length);
    }
    return out;
  }

  /** Ends a paste whose end marker never came (called after a quiet period). */
  flush(): InputEvent[] {
    if (!this.pasting) return [];
    const text = this.buffer;
    this.buffer = '';
    this.pasting = false;
    return [{ kind: 'paste', text }];
  }
}
