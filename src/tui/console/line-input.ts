// The prompt's input line as a pure model: text and cursor, history browsing, completion, and
// the output's scroll. The pane mutates one of these synchronously on every key (so keys typed
// faster than a render still see each other) and draws it. No Ink here.
import type { KeyPress } from '../input/keys.js';
import { commandOf, type Keymap } from '../input/keymap.js';
import type { ConsoleCommand } from './keymap.js';

export interface LineContext {
  history: readonly string[];
  complete: (before: string) => { candidates: string[]; word: string };
  /** Lines a page of output scrolls by. */
  page: number;
}

export type LineEffect =
  | { type: 'submit'; lines: string[] }
  | { type: 'grade' } | { type: 'howToAnswer' } | { type: 'leave' } | { type: 'help' } | { type: 'clear' }
  /** Ctrl+C (interrupt) or Ctrl+G (cancel): the line is dropped; `typed` is what it held. */
  | { type: 'interrupt' | 'cancel'; typed: string };

/** The longest text every candidate starts with. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export class LineInput {
  text = '';
  cursor = 0;
  /** Lines scrolled up from the bottom of the output. */
  scroll = 0;
  /** Completion candidates listed under the prompt (Tab twice), until the next key. */
  candidates: string[] | undefined;
  private historyIndex: number | undefined;
  private saved = '';
  private lastWasTab = false;

  constructor(private readonly keymap: Keymap<ConsoleCommand>) {}

  private set(text: string, cursor = text.length): void {
    this.text = text;
    this.cursor = Math.max(0, Math.min(text.length, cursor));
  }

  insert(s: string): void {
    this.set(this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor), this.cursor + s.length);
  }

  /** Text that holds line breaks (a paste): the complete lines are run, the rest stays typed. */
  private takeLines(): LineEffect | undefined {
    if (!this.text.includes('\n')) return undefined;
    const parts = this.text.split('\n');
    const rest = parts.pop()!;
    this.set(rest);
    this.historyIndex = undefined;
    return { type: 'submit', lines: parts };
  }

  key(key: KeyPress, ctx: LineContext): LineEffect | undefined {
    const wasTab = this.lastWasTab;
    this.lastWasTab = false;
    this.candidates = undefined;
    if (key.name === 'paste' || (key.name === 'char' && !key.meta)) {
      this.scroll = 0;
      this.insert(key.text.replace(/\r\n?/g, '\n').replace(/\t/g, ' '));
      return this.takeLines();
    }
    const command = commandOf(this.keymap, key);
    const { text, cursor } = this;
    switch (command) {
      case 'run': {
        this.scroll = 0;
        this.historyIndex = undefined;
        this.set('');
        return { type: 'submit', lines: text.split('\n') };
      }
      case 'complete': {
        const before = text.slice(0, cursor);
        const { candidates, word } = ctx.complete(before.split('\n').pop() ?? '');
        if (candidates.length === 0) return undefined;
        const prefix = commonPrefix(candidates);
        if (prefix.length > word.length || candidates.length === 1) {
          const ends = candidates.length === 1 && !/[/=]$/.test(prefix) ? ' ' : '';
          this.set(before.slice(0, before.length - word.length) + prefix + ends + text.slice(cursor), cursor - word.length + prefix.length + ends.length);
        } else if (wasTab) this.candidates = candidates;
        this.lastWasTab = true;
        return undefined;
      }
      case 'historyPrev':
      case 'historyNext': {
        const h = ctx.history;
        if (h.length === 0) return undefined;
        if (this.historyIndex === undefined) {
          if (command === 'historyNext') return undefined;
          this.saved = text;
          this.historyIndex = h.length - 1;
        } else if (command === 'historyPrev') this.historyIndex = Math.max(0, this.historyIndex - 1);
        else if (this.historyIndex + 1 >= h.length) {
          this.historyIndex = undefined;
          this.set(this.saved);
          return undefined;
        } else this.historyIndex += 1;
        this.set(h[this.historyIndex]);
        return undefined;
      }
      case 'left': this.cursor = Math.max(0, cursor - 1); return undefined;
      case 'right': this.cursor = Math.min(text.length, cursor + 1); return undefined;
      case 'lineStart': this.cursor = text.lastIndexOf('\n', cursor - 1) + 1; return undefined;
      case 'lineEnd': { const nl = text.indexOf('\n', cursor); this.cursor = nl === -1 ? text.length : nl; return undefined; }
      case 'backspace': if (cursor > 0) this.set(text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1); return undefined;
      case 'delete': this.set(text.slice(0, cursor) + text.slice(cursor + 1), cursor); return undefined;
      case 'killStart': { const start = text.lastIndexOf('\n', cursor - 1) + 1; this.set(text.slice(0, start) + text.slice(cursor), start); return undefined; }
      case 'killEnd': { const nl = text.indexOf('\n', cursor); this.set(text.slice(0, cursor) + (nl === -1 ? '' : text.slice(nl)), cursor); return undefined; }
      case 'killWord': {
        const m = /\S*\s*$/.exec(text.slice(0, cursor));
        const start = cursor - (m ? m[0].length : 0);
        this.set(text.slice(0, start) + text.slice(cursor), start);
        return undefined;
      }
      case 'scrollUp': this.scroll += ctx.page; return undefined;
      case 'scrollDown': this.scroll = Math.max(0, this.scroll - ctx.page); return undefined;
      case 'interrupt':
      case 'cancel': this.set(''); this.historyIndex = undefined; return { type: command, typed: text };
      case 'clear': return { type: 'clear' };
      case 'grade': return { type: 'grade' };
      case 'howToAnswer': return { type: 'howToAnswer' };
      case 'leave': return { type: 'leave' };
      case 'help': return { type: 'help' };
      default: return undefined;
    }
  }
}
