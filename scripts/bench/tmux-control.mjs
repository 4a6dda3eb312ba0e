// A tmux pane driven through one control-mode client (`tmux -C`), for the start-up benchmark.
// tmux tells the client the moment a program writes to the pane (%output), and the client's
// commands (capture-pane, send-keys) travel over its open socket. Polling instead with a new
// `tmux capture-pane` process each time lags every observation by a process start (5-10 ms on
// this machine), and `tmux send-keys` as a process delays every key the same way: a harness
// cost, not the program's, paid twice by a measure that waits for a frame after a key.
import { spawn } from 'node:child_process';

export class ControlledPane {
  /**
   * Starts `sh -c command` in a new detached session of its own server (`socket`), `width` x
   * `height`, and the control client attached to it.
   */
  constructor(socket, session, command, { width = 100, height = 30 } = {}) {
    this.session = session;
    this.child = spawn('tmux', ['-L', socket, '-C', 'new-session', '-x', String(width), '-y', String(height), '-s', session, 'sh', '-c', command], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    this.pending = [];
    this.block = undefined;
    // The first %begin/%end block answers new-session itself.
    this.pending.push(() => {});
    this.outputs = 0;
    this.onOutput = () => {};
    this.closed = new Promise((resolve) => this.child.on('close', resolve));
    let rest = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) this.#line(line);
    });
    this.command(`refresh-client -C ${width}x${height}`);
  }

  #line(line) {
    if (this.block) {
      if (line.startsWith('%end ') || line.startsWith('%error ')) {
        const done = this.pending.shift();
        const lines = this.block;
        this.block = undefined;
        done?.(lines);
      } else this.block.push(line);
      return;
    }
    if (line.startsWith('%begin ')) this.block = [];
    else if (line.startsWith('%output ')) {
      this.outputs++;
      this.onOutput();
    }
  }

  /** Sends one tmux command; resolves with the lines it printed. */
  command(text) {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.child.stdin.write(text + '\n');
    });
  }

  /** The pane's text as tmux holds it now. */
  async screen() {
    return (await this.command(`capture-pane -p -t ${this.session}`)).join('\n');
  }

  /** Keys typed into the pane, as `tmux send-keys` takes them. */
  sendKeys(...keys) {
    return this.command(`send-keys -t ${this.session} ${keys.map((k) => `'${k}'`).join(' ')}`);
  }

  /**
   * Resolves with Date.now() at the first capture that satisfies `ready`, checking after every
   * write of the program to the pane (and once at the start); rejects after `timeoutMs`.
   */
  waitFor(ready, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      let checking = false;
      let again = false;
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        this.screen().then((s) => reject(new Error(`no match within ${timeoutMs} ms; screen:\n${s}`)));
      }, timeoutMs);
      const check = async () => {
        if (done) return;
        if (checking) {
          again = true;
          return;
        }
        checking = true;
        do {
          again = false;
          const screen = await this.screen();
          if (!done && ready(screen)) {
            done = true;
            clearTimeout(timer);
            this.onOutput = () => {};
            resolve(Date.now());
            return;
          }
        } while (again && !done);
        checking = false;
      };
      this.onOutput = check;
      check();
    });
  }

  /** Ends the session (and with it the program) and the client. */
  async close() {
    this.onOutput = () => {};
    this.child.stdin.write('kill-server\n');
    this.child.stdin.end();
    await this.closed;
  }
}
