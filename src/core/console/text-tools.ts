// The text filters a prompt pipes kubectl into: grep, head, tail, wc, sort, uniq, cat.
// They read stdin (or files through the shell's reader) and behave like GNU coreutils.
import type { CommandFn, CommandIo } from './shell-run.js';

export type FileReader = (path: string) => string | undefined;

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** A POSIX basic regular expression in JavaScript syntax (GNU: \| \+ \? \( \) \{ \} are operators). */
function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      out += '|+?(){}'.includes(n) ? n : `\\${n}`;
    } else if ('|+?(){}'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function grepCommand(readFile: FileReader, prog = 'grep'): CommandFn {
  return (args: string[], io: CommandIo) => {
    let extended = false;
    let ignoreCase = false;
    let invert = false;
    let count = false;
    let numbers = false;
    let quiet = false;
    let word = false;
    let fixed = false;
    let only = false;
    // Context lines (-A after, -B before, -C both), as GNU grep prints them.
    let after = 0;
    let before = 0;
    const patterns: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        files.push(...args.slice(i + 1));
        break;
      }
      if (a === '-e') {
        patterns.push(args[++i] ?? '');
        continue;
      }
      const longContext = /^--(after|before)?-?context=(.*)$/.exec(a);
      if (longContext) {
        const n = contextCount(longContext[2], io, prog);
        if (n === null) return 2;
        if (longContext[1] !== 'before') after = n;
        if (longContext[1] !== 'after') before = n;
        continue;
      }
      if (a.startsWith('--')) {
        const known: Record<string, () => void> = {
          '--extended-regexp': () => (extended = true),
          '--ignore-case': () => (ignoreCase = true),
          '--invert-match': () => (invert = true),
          '--count': () => (count = true),
          '--quiet': () => (quiet = true),
          '--color=never': () => undefined,
          '--color': () => undefined,
          '--color=auto': () => undefined,
        };
        const f = known[a];
        if (!f) {
          io.err(`${prog}: unrecognized option '${a}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
          return 2;
        }
        f();
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        const flags = a.slice(1);
        for (let k = 0; k < flags.length; k++) {
          const ch = flags[k];
          if (ch === 'A' || ch === 'B' || ch === 'C') {
            // The count is the rest of the word (-A3) or the next argument (-A 3).
            const rest = flags.slice(k + 1);
            const n = contextCount(rest !== '' ? rest : args[++i], io, prog);
            if (n === null) return 2;
            if (ch !== 'B') after = n;
            if (ch !== 'A') before = n;
            break;
          }
          if (ch === 'E') extended = true;
          else if (ch === 'i') ignoreCase = true;
          else if (ch === 'v') invert = true;
          else if (ch === 'c') count = true;
          else if (ch === 'n') numbers = true;
          else if (ch === 'q') quiet = true;
          else if (ch === 'w') word = true;
          else if (ch === 'F') fixed = true;
          else if (ch === 'o') only = true;
          else {
            io.err(`${prog}: invalid option -- '${ch}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
            return 2;
          }
        }
        continue;
      }
      if (patterns.length === 0 && !args.slice(0, i).includes('-e')) patterns.push(a);
      else files.push(a);
    }
    if (patterns.length === 0) {
      io.err(`Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      return 2;
    }
    let re: RegExp;
    try {
      const alts = patterns.map((p) => (fixed ? escapeRegex(p) : extended ? p : breToJs(p)));
      let src = alts.map((a) => `(?:${a})`).join('|');
      if (word) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
      re = new RegExp(src, ignoreCase ? 'gi' : 'g');
    } catch {
      io.err(`${prog}: Unmatched ( or \\(\n`);
      return 2;
    }
    const inputs: { name: string; text: string }[] = [];
    let status = 1;
    let trouble = false;
    if (files.length === 0) inputs.push({ name: '(standard input)', text: io.stdin });
    for (const f of files) {
      const text = readFile(f);
      if (text === undefined) {
        io.err(`${prog}: ${f}: No such file or directory\n`);
        trouble = true;
        continue;
      }
      inputs.push({ name: f, text });
    }
    const withContext = (after > 0 || before > 0) && !only;
    let lastPrinted = -1;
    let printedAny = false;
    for (const input of inputs) {
      let n = 0;
      const all = lines(input.text);
      lastPrinted = -1;
      // A context line carries "-" where a matching line carries ":" (name-12-text vs name:12:text).
      const prefixOf = (idx: number, sep: string) => (files.length > 1 ? `${input.name}${sep}` : '') + (numbers ? `${idx + 1}${sep}` : '');
      let afterLeft = 0;
      all.forEach((line, idx) => {
        re.lastIndex = 0;
        const hit = re.test(line) !== invert;
        if (!hit) {
          if (withContext && afterLeft > 0 && !quiet && !count) {
            io.out(`${prefixOf(idx, '-')}${line}\n`);
            lastPrinted = idx;
            afterLeft--;
          }
          return;
        }
        n++;
        if (quiet || count) return;
        if (withContext) {
          const from = Math.max(lastPrinted + 1, idx - before);
          // Groups that do not touch are parted by "--", as GNU grep does.
          if (printedAny && from > lastPrinted + 1) io.out('--\n');
          for (let j = from; j < idx; j++) io.out(`${prefixOf(j, '-')}${all[j]}\n`);
          afterLeft = after;
          printedAny = true;
        }
        const prefix = prefixOf(idx, ':');
        if (only && !invert) {
          re.lastIndex = 0;
          for (const m of line.matchAll(re)) if (m[0] !== '') io.out(`${prefix}${m[0]}\n`);
        } else io.out(`${prefix}${line}\n`);
        lastPrinted = idx;
      });
      if (count) io.out(`${files.length > 1 ? `${input.name}:` : ''}${n}\n`);
      if (n > 0) status = 0;
    }
    if (trouble && !(quiet && status === 0)) return 2;
    return status;
  };
}

/** A context length as grep reads it: a non-negative integer, else its own error. */
function contextCount(text: string | undefined, io: CommandIo, prog: string): number | null {
  if (text !== undefined && /^\d+$/.test(text)) return Number(text);
  io.err(`${prog}: ${text ?? ''}: invalid context length argument\n`);
  return null;
}

function takeCount(args: string[], io: CommandIo, prog: string): { n: number; files: string[] } | null {
  let n = 10;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === '-n' || a === '--lines') v = args[++i];
    else if (a.startsWith('-n')) v = a.slice(2);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a.startsWith('-') && a !== '-') {
      io.err(`${prog}: invalid option -- '${a.slice(1, 2)}'\nTry '${prog} --help' for more information.\n`);
      return null;
    } else {
      files.push(a);
      continue;
    }
    if (v === undefined || !/^\d+$/.test(v)) {
      io.err(`${prog}: invalid number of lines: '${v ?? ''}'\n`);
      return null;
    }
    n = Number(v);
  }
  return { n, files };
}

function inputText(files: string[], io: CommandIo, readFile: FileReader, prog: string): string | null {
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) return io.stdin;
  let out = '';
  for (const f of files) {
    const t = readFile(f);
    if (t === undefined) {
      io.err(`${prog}: cannot open '${f}' for reading: No such file or directory\n`);
      return null;
    }
    out += t;
  }
  return out;
}

export function headCommand(readFile: FileReader): CommandFn {
  return (args, io) => {
    const parsed = takeCount(args, io, 'head');
    if (!parsed) return 1;
    const text = inputText(parsed.files, io, readFile, 'head');
    if (text === null) return 1;
    for (const l of lines(text).slice(0, parsed.n)) io.out(`${l}\n`);
    return 0;
  };
}

export function tailCommand(readFile: FileReader): CommandFn {
  return (args, io) => {
    const parsed = takeCount(args, io, 'tail');
    if (!parsed) return 1;
    const text = inputText(parsed.files, io, readFile, 'tail');
    if (text === null) return 1;
    const all = lines(text);
    for (const l of parsed.n === 0 ? [] : all.slice(-parsed.n)) io.out(`${l}\n`);
    return 0;
  };
}

export function wcCommand(readFile: FileReader): CommandFn {
  return (args, io) => {
    const flags = new Set<string>();
    const files: string[] = [];
    for (const a of args) {
      if (a === '--lines') flags.add('l');
      else if (a === '--words') flags.add('w');
      else if (a === '--bytes') flags.add('c');
      else if (a.startsWith('-') && a.length > 1) for (const ch of a.slice(1)) flags.add(ch);
      else files.push(a);
    }
    const text = inputText(files, io, readFile, 'wc');
    if (text === null) return 1;
    const l = (text.match(/\n/g) ?? []).length;
    const w = text.split(/\s+/).filter(Boolean).length;
    const c = Buffer.byteLength(text);
    const chosen = flags.size ? ['l', 'w', 'c'].filter((f) => flags.has(f)) : ['l', 'w', 'c'];
    const values = chosen.map((f) => (f === 'l' ? l : f === 'w' ? w : c));
    const name = files.length ? ` ${files[0]}` : '';
    if (values.length === 1 && files.length === 0) io.out(`${values[0]}\n`);
    else io.out(values.map((v) => String(v).padStart(files.length ? String(Math.max(...values)).length : 7)).join(' ') + `${name}\n`);
    return 0;
  };
}

export function sortCommand(readFile: FileReader): CommandFn {
  return (args, io) => {
    const reverse = args.some((a) => /^-[a-z]*r/.test(a));
    const unique = args.some((a) => /^-[a-z]*u/.test(a));
    const text = inputText(args.filter((a) => !a.startsWith('-')), io, readFile, 'sort');
    if (text === null) return 2;
    let l = lines(text).sort();
    if (reverse) l.reverse();
    if (unique) l = l.filter((x, i) => i === 0 || x !== l[i - 1]);
    for (const x of l) io.out(`${x}\n`);
    return 0;
  };
}

export function uniqCommand(): CommandFn {
  return (args, io) => {
    const count = args.includes('-c');
    const l = lines(io.stdin);
    const groups: { line: string; n: number }[] = [];
    for (const x of l) {
      const g = groups[groups.length - 1];
      if (g && g.line === x) g.n++;
      else groups.push({ line: x, n: 1 });
    }
    for (const g of groups) io.out(count ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`);
    return 0;
  };
}

/** awk '{print $N, $M}' and awk 'NR>1 {print $1}': the one-liners people pipe kubectl into. */
export function awkCommand(): CommandFn {
  return (args, io) => {
    const program = args.find((a) => !a.startsWith('-')) ?? '';
    const m = /^\s*(?:NR\s*([><=!]=?)\s*(\d+)\s*)?\{\s*print\s*([^}]*)\}\s*$/.exec(program);
    if (!m) {
      io.err(`awk: only '{print $N}' programs are supported here\n`);
      return 2;
    }
    const [, op, nText, fieldsText] = m;
    const fields = fieldsText.split(/\s*,\s*|\s+/).filter(Boolean);
    lines(io.stdin).forEach((line, idx) => {
      const nr = idx + 1;
      if (op) {
        const n = Number(nText);
        const ok = op === '>' ? nr > n : op === '>=' ? nr >= n : op === '<' ? nr < n : op === '<=' ? nr <= n : op === '!=' ? nr !== n : nr === n;
        if (!ok) return;
      }
      const cols = line.trim().split(/\s+/);
      const out = fields.map((f) => {
        if (f === '$0') return line;
        if (f === 'NR') return String(nr);
        if (f === 'NF') return String(cols.length);
        const fm = /^\$(\d+)$/.exec(f);
        if (fm) return cols[Number(fm[1]) - 1] ?? '';
        return f.replace(/^"|"$/g, '');
      });
      io.out(`${out.join(' ')}\n`);
    });
    return 0;
  };
}

export function catCommand(readFile: FileReader, prog: 'bash' | 'sh'): CommandFn {
  return (args, io) => {
    if (args.length === 0 || (args.length === 1 && args[0] === '-')) {
      io.out(io.stdin);
      return 0;
    }
    let status = 0;
    for (const f of args) {
      const t = readFile(f);
      if (t === undefined) {
        io.err(prog === 'bash' ? `cat: ${f}: No such file or directory\n` : `cat: can't open '${f}': No such file or directory\n`);
        status = 1;
        continue;
      }
      io.out(t);
    }
    return status;
  };
}

/** echo with -n and -e, as bash's builtin. */
export function echoCommand(): CommandFn {
  return (args, io) => {
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
      if (args[i].includes('n')) newline = false;
      if (args[i].includes('e')) escapes = true;
    }
    let text = args.slice(i).join(' ');
    if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
    io.out(text + (newline ? '\n' : ''));
    return 0;
  };
}

/** printf FORMAT [ARGS...]: %s %d %i %%, \n \t \\ escapes; the format repeats while arguments remain, as bash's does. */
export function printfCommand(): CommandFn {
  return (args, io) => {
    if (args.length === 0) {
      io.err('printf: usage: printf [-v var] format [arguments]\n');
      return 2;
    }
    const [format, ...rest] = args;
    const unescape = (t: string) => t.replace(/\\(n|t|\\|")/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    let i = 0;
    let out = '';
    do {
      let used = false;
      out += unescape(format).replace(/%([sdi%])/g, (_m, c: string) => {
        if (c === '%') return '%';
        used = true;
        const v = rest[i++] ?? '';
        return c === 's' ? v : String(Number.parseInt(v, 10) || 0);
      });
      if (!used) break;
    } while (i < rest.length);
    io.out(out);
    return 0;
  };
}
