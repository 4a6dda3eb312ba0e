// The small shell both prompts speak (the learner's bash and a pod's busybox sh): words
// with quotes and $VARS, pipelines, ; && ||, redirections and here-documents, `\`
// line continuation and # comments. Parsing only; shell-run.ts executes.

export type Word = { parts: WordPart[] };
export type WordPart =
  | { kind: 'literal'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  /** $(...) or `...`: the output of a script, trailing newlines dropped. */
  | { kind: 'subst'; script: string; quoted: boolean };

export interface Redirect {
  fd: 0 | 1 | 2;
  op: '<' | '>' | '>>' | '>&' | '<<';
  target: Word;
  /** Here-document body (op '<<'), already collected. */
  body?: string;
  /** A quoted delimiter ('EOF') turns expansion off in the body. */
  expand?: boolean;
}

export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface AndOr {
  pipelines: Pipeline[];
  /** ops[i] joins pipelines[i] and pipelines[i+1]. */
  ops: ('&&' | '||')[];
}

export interface Script {
  lists: AndOr[];
}

export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError';
  constructor(readonly token: string) {
    super(`syntax error near unexpected token \`${token}'`);
  }
}

type Token =
  | { t: 'word'; word: Word }
  | { t: 'op'; op: string }
  | { t: 'redir'; fd: 0 | 1 | 2; op: Redirect['op']; dup?: string }
  | { t: 'nl' };

interface PendingHeredoc {
  delim: string;
  strip: boolean;
  expand: boolean;
  redirect: Redirect;
}

/** Why a piece of input cannot run yet: more lines are needed. null when it is complete. */
export function incompleteReason(text: string): string | null {
  try {
    parseScript(text);
    return null;
  } catch (e) {
    if (e instanceof NeedMore) return e.message;
    return null;
  }
}

export class NeedMore extends Error {
  override name = 'NeedMore';
}

const OPERATORS = ['&&', '||', ';;', '|', ';', '&'];

/** Tokenizes and parses a complete piece of input; throws NeedMore or ShellSyntaxError. */
export function parseScript(text: string): Script {
  const tokens = tokenize(text);
  return parseTokens(tokens);
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const heredocs: PendingHeredoc[] = [];
  let i = 0;
  let word: WordPart[] | null = null;
  let literal = '';
  let literalQuoted = false;

  const flushLiteral = () => {
    if (literal !== '') {
      (word ??= []).push({ kind: 'literal', text: literal, quoted: literalQuoted });
      literal = '';
    }
  };
  const addLiteral = (s: string, quoted: boolean) => {
    if (literal !== '' && literalQuoted !== quoted) flushLiteral();
    literalQuoted = quoted;
    literal += s;
    word ??= [];
  };
  const endWord = () => {
    flushLiteral();
    if (word) {
      tokens.push({ t: 'word', word: { parts: word } });
      word = null;
    }
  };
  /** $(...) with nested parentheses and quotes skipped; i at '$'. */
  const readSubst = (quoted: boolean): boolean => {
    if (src[i + 1] !== '(' || src[i + 2] === '(') return false;
    let depth = 1;
    let j = i + 2;
    while (j < src.length && depth > 0) {
      const ch = src[j];
      if (ch === "'") {
        const end = src.indexOf("'", j + 1);
        if (end < 0) break;
        j = end + 1;
        continue;
      }
      if (ch === '"') {
        let k = j + 1;
        while (k < src.length && src[k] !== '"') k += src[k] === '\\' ? 2 : 1;
        j = k + 1;
        continue;
      }
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      j++;
    }
    if (depth > 0) throw new NeedMore('command substitution');
    flushLiteral();
    (word ??= []).push({ kind: 'subst', script: src.slice(i + 2, j - 1), quoted });
    i = j;
    return true;
  };
  const readBackquote = (quoted: boolean): void => {
    const end = src.indexOf('`', i + 1);
    if (end < 0) throw new NeedMore('command substitution');
    flushLiteral();
    (word ??= []).push({ kind: 'subst', script: src.slice(i + 1, end), quoted });
    i = end + 1;
  };
  const readVar = (quoted: boolean): boolean => {
    // at src[i] === '$'
    if (readSubst(quoted)) return true;
    const rest = src.slice(i + 1);
    let m = /^\{([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])\}/.exec(rest);
    if (!m) m = /^([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])/.exec(rest);
    if (!m) return false;
    flushLiteral();
    (word ??= []).push({ kind: 'var', name: m[1], quoted });
    i += 1 + m[0].length;
    return true;
  };

  const collectHeredocs = () => {
    // src[i] is just past a newline: the bodies follow, one per pending here-document.
    while (heredocs.length > 0) {
      const h = heredocs.shift()!;
      const body: string[] = [];
      for (;;) {
        if (i >= src.length) throw new NeedMore(`here-document delimited by ${h.delim}`);
        const nl = src.indexOf('\n', i);
        const line = nl < 0 ? src.slice(i) : src.slice(i, nl);
        i = nl < 0 ? src.length : nl + 1;
        const check = h.strip ? line.replace(/^\t+/, '') : line;
        if (check === h.delim) break;
        if (nl < 0) {
          // Last line without newline and not the delimiter: the document is still open.
          throw new NeedMore(`here-document delimited by ${h.delim}`);
        }
        body.push(h.strip ? line.replace(/^\t+/, '') : line);
      }
      h.redirect.body = body.length ? body.join('\n') + '\n' : '';
    }
  };

  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      if (i + 1 >= src.length) throw new NeedMore('line continuation');
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      }
      addLiteral(src[i + 1], true);
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new NeedMore('unterminated quote');
      addLiteral(src.slice(i + 1, end), true);
      word ??= [];
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      word ??= [];
      let closed = false;
      while (i < src.length) {
        const d = src[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < src.length && '"\\$`\n'.includes(src[i + 1])) {
          if (src[i + 1] !== '\n') addLiteral(src[i + 1], true);
          i += 2;
          continue;
        }
        if (d === '$' && readVar(true)) continue;
        if (d === '`') {
          readBackquote(true);
          continue;
        }
        addLiteral(d, true);
        i++;
      }
      if (!closed) throw new NeedMore('unterminated quote');
      continue;
    }
    if (c === '$' && readVar(false)) continue;
    if (c === '`') {
      readBackquote(false);
      continue;
    }
    if (c === '#' && word === null && literal === '') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '\n') {
      endWord();
      tokens.push({ t: 'nl' });
      i++;
      collectHeredocs();
      continue;
    }
    // Process substitution <(...): kept as one opaque word (source <(kubectl completion bash)).
    if (c === '<' && src[i + 1] === '(') {
      const end = src.indexOf(')', i);
      if (end < 0) throw new NeedMore('unterminated process substitution');
      addLiteral(src.slice(i, end + 1), true);
      i = end + 1;
      continue;
    }
    if (c === '<' || c === '>') {
      // A lone digit right before is the fd (2>/dev/null).
      let fd: 0 | 1 | 2 = c === '<' ? 0 : 1;
      if (word === null && literal === '' ) {
        // nothing
      } else if (word && word.length === 0 && /^[012]$/.test(literal)) {
        fd = Number(literal) as 0 | 1 | 2;
        literal = '';
        word = null;
      } else endWord();
      if (src.startsWith('<<', i)) {
        i += 2;
        const strip = src[i] === '-';
        if (strip) i++;
        while (src[i] === ' ' || src[i] === '\t') i++;
        const m = /^(?:'([^'\n]*)'|"([^"\n]*)"|([^\s;&|<>()]+))/.exec(src.slice(i));
        if (!m) throw new ShellSyntaxError(i >= src.length || src[i] === '\n' ? 'newline' : src[i]);
        i += m[0].length;
        const delim = (m[1] ?? m[2] ?? m[3]).replace(/\\/g, '');
        const expand = m[1] === undefined && m[2] === undefined && !m[3].includes('\\');
        const redirect: Redirect = { fd: 0, op: '<<', target: { parts: [{ kind: 'literal', text: delim, quoted: true }] }, expand };
        heredocs.push({ delim, strip, expand, redirect });
        tokens.push({ t: 'redir', fd: 0, op: '<<' });
        tokens.push({ t: 'word', word: { parts: [{ kind: 'literal', text: delim, quoted: true }] } });
        (tokens[tokens.length - 2] as { heredoc?: Redirect }).heredoc = redirect;
        continue;
      }
      if (src.startsWith('>>', i)) {
        tokens.push({ t: 'redir', fd, op: '>>' });
        i += 2;
        continue;
      }
      if (src.startsWith('>&', i)) {
        i += 2;
        const m = /^[012]/.exec(src.slice(i));
        if (!m) throw new ShellSyntaxError(i >= src.length ? 'newline' : src[i]);
        tokens.push({ t: 'redir', fd, op: '>&', dup: m[0] });
        i += 1;
        continue;
      }
      tokens.push({ t: 'redir', fd, op: c as '<' | '>' });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      endWord();
      tokens.push({ t: 'op', op });
      i += op.length;
      continue;
    }
    if (c === '(' || c === ')') {
      endWord();
      throw new ShellSyntaxError(c);
    }
    addLiteral(c, false);
    i++;
  }
  endWord();
  if (heredocs.length > 0) throw new NeedMore(`here-document delimited by ${heredocs[0].delim}`);
  return tokens;
}

function parseTokens(tokens: Token[]): Script {
  const lists: AndOr[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const tokenText = (t: Token | undefined): string => {
    if (!t || t.t === 'nl') return 'newline';
    if (t.t === 'op') return t.op;
    if (t.t === 'redir') return t.op === '>&' ? '>&' : t.op;
    return 'word';
  };

  const parseCommand = (): SimpleCommand | null => {
    const cmd: SimpleCommand = { words: [], redirects: [] };
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.t === 'word') {
        cmd.words.push(t.word);
        i++;
        continue;
      }
      if (t.t === 'redir') {
        i++;
        if (t.op === '>&') {
          cmd.redirects.push({ fd: t.fd, op: '>&', target: { parts: [{ kind: 'literal', text: t.dup!, quoted: true }] } });
          continue;
        }
        const target = peek();
        if (!target || target.t !== 'word') throw new ShellSyntaxError(tokenText(target));
        i++;
        const heredoc = (t as { heredoc?: Redirect }).heredoc;
        cmd.redirects.push(heredoc ?? { fd: t.fd, op: t.op, target: target.word });
        continue;
      }
      break;
    }
    return cmd.words.length === 0 && cmd.redirects.length === 0 ? null : cmd;
  };

  const parsePipeline = (): Pipeline => {
    const commands: SimpleCommand[] = [];
    for (;;) {
      const cmd = parseCommand();
      if (!cmd) throw new ShellSyntaxError(tokenText(peek()));
      commands.push(cmd);
      const t = peek();
      if (t && t.t === 'op' && t.op === '|') {
        i++;
        while (peek()?.t === 'nl') i++;
        if (!peek()) throw new NeedMore('pipe');
        continue;
      }
      return { commands };
    }
  };

  while (i < tokens.length) {
    const t = peek();
    if (t.t === 'nl' || (t.t === 'op' && (t.op === ';' || t.op === '&'))) {
      if (t.t === 'op') throw new ShellSyntaxError(t.op);
      i++;
      continue;
    }
    const list: AndOr = { pipelines: [parsePipeline()], ops: [] };
    for (;;) {
      const n = peek();
      if (n && n.t === 'op' && (n.op === '&&' || n.op === '||')) {
        i++;
        while (peek()?.t === 'nl') i++;
        if (!peek()) throw new NeedMore(n.op);
        list.ops.push(n.op);
        list.pipelines.push(parsePipeline());
        continue;
      }
      break;
    }
    lists.push(list);
    const n = peek();
    if (!n) break;
    if (n.t === 'nl' || (n.t === 'op' && (n.op === ';' || n.op === '&'))) {
      i++;
      continue;
    }
    throw new ShellSyntaxError(tokenText(n));
  }
  return { lists };
}

/**
 * Splits a script into the units a person would type at a prompt: one line, or more when
 * a here-document, a quote, a trailing `\`, `|` or `&&` continues it. Blank lines and
 * comment-only lines are dropped.
 */
export function splitCommands(script: string): string[] {
  const lines = script.replace(/\r\n/g, '\n').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let buf: string[] = [];
  // Inside a here-document only its delimiter line can complete the command: skip the
  // re-parse for every body line (a long manifest would otherwise cost quadratic time).
  let waitingFor: string | null = null;
  for (const line of lines) {
    buf.push(line);
    if (waitingFor !== null && line !== waitingFor && line.replace(/^\t+/, '') !== waitingFor) continue;
    const text = buf.join('\n');
    const reason = incompleteReason(text);
    if (reason !== null) {
      const m = /^here-document delimited by (.*)$/.exec(reason);
      waitingFor = m ? m[1] : null;
      continue;
    }
    waitingFor = null;
    if (text.trim() !== '' && !/^\s*#/.test(text)) out.push(text);
    else if (text.trim() !== '' && buf.length > 1) out.push(text);
    buf = [];
  }
  if (buf.length) out.push(buf.join('\n'));
  return out;
}
