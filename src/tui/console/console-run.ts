// One console as the pane drives it: the simulated cluster of a scenario step, the prompt
// session (lines collected while a command continues), and the commands entered with what they
// printed, which are kept with the attempt. Lives outside the pane's component, so leaving the
// pane (Esc) and coming back finds the console as it was. No Ink here.
import type { Scenario } from '../../core/bank/scenario.js';
import { Console, PromptSession, type ConsoleState } from '../../core/console/index.js';
import { consoleEntry } from '../../core/training/console-answer.js';
import type { ConsoleEntry } from '../../core/training/records.js';

export class ConsoleRun {
  readonly console: Console;
  readonly session: PromptSession;
  readonly entries: ConsoleEntry[] = [];
  private pending: string[] = [];
  /** Called after each complete command (the exam saves the commands as they are run). */
  onCommand?: (run: ConsoleRun) => void;
  /**
   * The terminal's editor (kubectl edit, vi FILE), set by the pane while it is shown: it hands
   * the terminal over, so it resolves only once the editor has exited.
   */
  editor?: { open: (text: string, fileName: string) => Promise<string | null>; name: () => string };
  /** What each editor saved, in order: kept with the commands, so a replay makes the same edits. */
  readonly edits: (string | null)[] = [];
  private recorded: (string | null)[] = [];

  constructor(readonly scenario: Scenario, readonly step: number, now?: () => number) {
    this.console = new Console({
      scenario: { scenario, step },
      ...(now ? { now } : {}),
      editor: async (text, fileName) => {
        const saved = this.recorded.length ? this.recorded.shift()! : this.editor ? await this.editor.open(text, fileName) : null;
        this.edits.push(saved);
        return saved;
      },
      editorName: () => this.editor?.name() ?? 'vi',
    });
    this.session = new PromptSession(this.console);
  }

  prompt(): string {
    return this.session.prompt();
  }

  get transcript(): readonly string[] {
    return this.session.transcript;
  }

  /** Takes one typed line; returns whether it ended with `exit` at the cluster prompt. */
  async enter(line: string): Promise<{ exit: boolean }> {
    this.pending.push(line);
    const { result } = await this.session.enter(line);
    if (!result) return { exit: false };
    const command = this.pending.join('\n');
    this.pending = [];
    if (command.trim() === '') return { exit: false };
    this.entries.push(consoleEntry(command, result));
    this.onCommand?.(this);
    return { exit: result.exit };
  }

  /** Runs commands again (an exam resumed after a restart), transcript and all, the editors saving what they saved. */
  async replay(commands: readonly string[], edits: readonly (string | null)[] = []): Promise<void> {
    this.recorded = [...edits];
    for (const c of commands) for (const line of c.split('\n')) await this.enter(line);
    this.recorded = [];
  }

  /** Ctrl+C: drops the line being typed (`typed`) and a command continued over several lines. */
  interrupt(typed = ''): void {
    this.session.interrupt(typed);
    this.pending = [];
  }

  /** Ctrl+L: the screen is cleared, the cluster and history are not. */
  clearScreen(): void {
    this.session.transcript.length = 0;
  }

  get continuing(): boolean {
    return this.session.continuing;
  }

  /** Whether anything was run: an unused console leaves grading to the YAML answer alone. */
  get used(): boolean {
    return this.entries.length > 0;
  }

  commands(): string[] {
    return this.entries.map((e) => e.command);
  }

  /** Up/Down history: the commands entered, without a repeat in a row. */
  history(): string[] {
    const out: string[] = [];
    for (const e of this.entries) if (out[out.length - 1] !== e.command) out.push(e.command);
    return out;
  }

  state(): ConsoleState {
    return this.console.state();
  }

  complete(before: string): { candidates: string[]; word: string } {
    return this.console.complete(before);
  }
}
