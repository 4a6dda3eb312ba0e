// A prompt over the console, line by line, as a terminal or a TUI pane drives it: lines
// are collected while the input needs more (here-document, quote, trailing `\`), the
// prompt shows "> " meanwhile, and the whole transcript (prompts, input, output) is kept
// for a pane to render and scroll.
import type { Console, LineResult } from './console.js';

export interface Entered {
  /** null while more lines are needed; otherwise what running the input gave. */
  result: LineResult | null;
  /** How many typed lines the command took (a here-document's body included). */
  lines: number;
}

export class PromptSession {
  private pending: string[] = [];
  /** Everything shown so far: prompt + input lines, then output lines. */
  readonly transcript: string[] = [];

  constructor(readonly console: Console) {}

  /** "> " while a command continues, else the console's prompt. */
  prompt(): string {
    return this.pending.length ? '> ' : this.console.prompt();
  }

  /** Takes one typed line; runs the command when it is complete. */
  async enter(line: string): Promise<Entered> {
    this.transcript.push(`${this.prompt()}${line}`);
    this.pending.push(line);
    const text = this.pending.join('\n');
    if (this.console.needsMore(text)) return { result: null, lines: this.pending.length };
    const lines = this.pending.length;
    this.pending = [];
    if (text.trim() === '') return { result: { lines: [], chunks: [], exitCode: 0, clear: false, exit: false }, lines };
    const result = await this.console.runLine(text);
    if (result.clear) this.transcript.length = 0;
    this.transcript.push(...result.lines);
    return { result, lines };
  }

  /**
   * Ctrl-C, as bash shows it: the line being typed (`typed`) with `^C` after it, then a fresh
   * prompt; a command continued over several lines (a here-document) is dropped whole.
   */
  interrupt(typed = ''): void {
    this.transcript.push(`${this.prompt()}${typed}^C`);
    this.pending = [];
  }

  /** Drops a half-typed command (the CLI's readline prints its own ^C). */
  cancel(): void {
    this.pending = [];
  }

  /** True while a command is being continued over several lines. */
  get continuing(): boolean {
    return this.pending.length > 0;
  }
}
