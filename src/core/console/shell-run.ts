// Runs parsed shell input against a table of commands. Commands are functions of
// (args, stdin) that write to stdout and stderr; a pipeline feeds one's stdout to the
// next, and the terminal sees the last stdout plus every stderr, in the order written.
import { NeedMore, ShellSyntaxError, parseScript, type SimpleCommand, type Word } from './shell-parse.js';

export interface Chunk {
  fd: 1 | 2;
  text: string;
}

export interface CommandIo {
  stdin: string;
  out(text: string): void;
  err(text: string): void;
  /** Environment and shell variables ($?, $HOSTNAME, ...). */
  vars: Map<string, string>;
}

export type CommandFn = (args: string[], io: CommandIo) => Promise<number> | number;

export interface ShellHost {
  /** 'bash' at the learner's prompt, 'sh' inside a pod (busybox ash words its errors differently). */
  flavour: 'bash' | 'sh';
  lookup(name: string): CommandFn | undefined;
  readFile(path: string): string | undefined;
  writeFile(path: string, text: string, append: boolean): string | null;
  vars: Map<string, string>;
  /** alias NAME=VALUE as bash keeps them (first word only). */
  aliases: Map<string, string>;
}

export interface RunResult {
  chunks: Chunk[];
  status: number;
}

/** Runs a $(...) script and returns its output without trailing newlines. */
export type Substitute = (script: string) => Promise<string>;

export async function expandWord(w: Word, vars: Map<string, string>, subst?: Substitute): Promise<string> {
  let out = '';
  for (const p of w.parts) {
    if (p.kind === 'literal') out += p.text;
    else if (p.kind === 'var') out += vars.get(p.name) ?? '';
    else out += subst ? await subst(p.script) : '';
  }
  return out;
}

function isQuotedEmpty(w: Word): boolean {
  return w.parts.some((p) => p.quoted);
}

/** Expands words (unquoted variables and substitutions split on whitespace, as a shell does). */
export async function expandWords(words: Word[], vars: Map<string, string>, subst?: Substitute): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    const splits = w.parts.some((p) => (p.kind === 'var' || p.kind === 'subst') && !p.quoted);
    const text = await expandWord(w, vars, subst);
    if (splits) {
      const split = text.split(/\s+/).filter((s) => s !== '');
      if (split.length === 0 && isQuotedEmpty(w)) out.push('');
      out.push(...split);
    } else out.push(text);
  }
  return out;
}

function expandHeredoc(body: string, vars: Map<string, string>): string {
  return body.replace(/\\([$`\\])|\$\{([A-Za-z_][A-Za-z0-9_]*|[?#$])\}|\$([A-Za-z_][A-Za-z0-9_]*|[?#$])/g, (_m, esc, a, b) => {
    if (esc) return esc;
    return vars.get(a ?? b) ?? '';
  });
}

export async function runShell(text: string, host: ShellHost, chunks: Chunk[] = []): Promise<RunResult> {
  const term = {
    out: (t: string) => t && chunks.push({ fd: 1, text: t }),
    err: (t: string) => t && chunks.push({ fd: 2, text: t }),
  };
  const prefix = host.flavour === 'bash' ? 'bash: ' : 'sh: ';
  let script;
  try {
    script = parseScript(text);
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      term.err(host.flavour === 'bash' ? `bash: ${e.message}\n` : `sh: syntax error: unexpected ${e.token === 'newline' ? 'newline' : `"${e.token}"`}\n`);
      host.vars.set('?', '2');
      return { chunks, status: 2 };
    }
    if (e instanceof NeedMore) {
      const heredoc = /^here-document delimited by (.*)$/.exec(e.message);
      if (heredoc) {
        // bash ends the document at end of input and says so.
        const line = text.split('\n').findIndex((l) => l.includes('<<')) + 1;
        term.err(host.flavour === 'bash' ? `bash: warning: here-document at line ${line} delimited by end-of-file (wanted \`${heredoc[1]}')\n` : `sh: warning: here-document delimited by end-of-file\n`);
        return runShell(`${text}\n${heredoc[1]}`, host, chunks);
      }
      term.err(`${prefix}syntax error: unexpected end of file\n`);
      host.vars.set('?', '2');
      return { chunks, status: 2 };
    }
    throw e;
  }

  let status = Number(host.vars.get('?') ?? '0');
  for (const list of script.lists) {
    for (let p = 0; p < list.pipelines.length; p++) {
      if (p > 0) {
        const op = list.ops[p - 1];
        if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      }
      status = await runPipeline(list.pipelines[p].commands, host, term, prefix);
      host.vars.set('?', String(status));
      if (host.vars.get('__exit') !== undefined) return { chunks, status };
    }
  }
  return { chunks, status };
}

async function runPipeline(
  commands: SimpleCommand[],
  host: ShellHost,
  term: { out(t: string): void; err(t: string): void },
  prefix: string,
): Promise<number> {
  let input = '';
  let status = 0;
  const subst: Substitute = async (script) => {
    const r = await runShell(script, { ...host, vars: host.vars });
    for (const ch of r.chunks) if (ch.fd === 2) term.err(ch.text);
    return r.chunks
      .filter((ch) => ch.fd === 1)
      .map((ch) => ch.text)
      .join('')
      .replace(/\n+$/, '');
  };
  for (let c = 0; c < commands.length; c++) {
    const cmd = commands[c];
    const last = c === commands.length - 1;
    let stdout = '';
    const errChunks: string[] = [];
    let stdin = c === 0 ? '' : input;
    let outTarget: { path: string; append: boolean } | null = null;
    let errTarget: 'out' | { path: string; append: boolean } | null = null;
    let failed = false;
    for (const r of cmd.redirects) {
      const target = await expandWord(r.target, host.vars, subst);
      if (r.op === '<<') {
        stdin = r.expand ? expandHeredoc(r.body ?? '', host.vars) : (r.body ?? '');
      } else if (r.op === '<') {
        const text = target === '/dev/null' ? '' : host.readFile(target);
        if (text === undefined) {
          term.err(host.flavour === 'bash' ? `bash: ${target}: No such file or directory\n` : `sh: can't open '${target}': No such file or directory\n`);
          failed = true;
          break;
        }
        stdin = text;
      } else if (r.op === '>&') {
        if (r.fd === 2 && target === '1') errTarget = 'out';
      } else {
        const spec = { path: target, append: r.op === '>>' };
        if (r.fd === 2) errTarget = spec;
        else outTarget = spec;
      }
    }
    if (failed) {
      status = 1;
      input = '';
      continue;
    }
    // NAME=value words before the command are assignments (kept as shell variables).
    let firstWord = 0;
    for (; firstWord < cmd.words.length; firstWord++) {
      const head = cmd.words[firstWord].parts[0];
      if (!head || head.kind !== 'literal' || head.quoted || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(head.text)) break;
      const text = await expandWord(cmd.words[firstWord], host.vars, subst);
      host.vars.set(text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1));
    }
    const words = await expandWords(cmd.words.slice(firstWord), host.vars, subst);
    if (words.length === 0) {
      // Only redirections: `> file` truncates, as a shell does.
      if (outTarget) host.writeFile(outTarget.path, '', outTarget.append);
      status = 0;
      input = '';
      continue;
    }
    const alias = host.aliases.get(words[0]);
    if (alias) words.splice(0, 1, ...alias.split(/\s+/).filter(Boolean));
    const fn = host.lookup(words[0]);
    // The last command of a pipeline writes straight to the terminal, so that its
    // stdout and stderr keep their order; the others feed the next command.
    const direct = last && !outTarget;
    const io: CommandIo = {
      stdin,
      out: (t) => {
        if (direct) term.out(t);
        else stdout += t;
      },
      err: (t) => {
        if (errTarget === 'out') io.out(t);
        else if (errTarget) errChunks.push(t);
        else term.err(t);
      },
      vars: host.vars,
    };
    if (!fn) {
      io.err(host.flavour === 'bash' ? `bash: ${words[0]}: command not found\n` : `sh: ${words[0]}: not found\n`);
      status = 127;
    } else {
      status = await fn(words.slice(1), io);
    }
    if (errTarget && errTarget !== 'out' && errTarget.path !== '/dev/null') host.writeFile(errTarget.path, errChunks.join(''), errTarget.append);
    if (outTarget) {
      if (outTarget.path !== '/dev/null') {
        const problem = host.writeFile(outTarget.path, stdout, outTarget.append);
        if (problem) term.err(`${prefix}${problem}\n`);
      }
      stdout = '';
    }
    input = stdout;
  }
  return status;
}
