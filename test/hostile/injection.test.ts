// Terminal injection: ESC, OSC, BEL and the 8-bit C1 controls (U+009B CSI, U+009D OSC) in every
// input position and argument, through the real binary. Nothing raw may reach stdout or stderr:
// each control character comes out as \xNN (JSON output keeps JSON's own \u escapes).
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safeText } from '../../src/core/text/safe-text.js';
import { painter, terminalText } from '../../src/cli/io.js';
import { RAW_CONTROL, STACK_TRACE, runBinary, tempDir } from './helpers.js';

/** The payloads: an OSC title change (ESC ... BEL), a C1 CSI, a C1 OSC, a bare BEL. */
const PAYLOADS = {
  osc: '\x1b]0;PWNED\x07',
  csi8: '\u009b31m',
  osc8: '\u009d52;c;SGVsbG8=\u009c',
  bel: 'ding\x07',
} as const;

/** The same payloads as YAML double-quoted escapes, so that the file itself is plain text. */
const YAML_ESCAPED = {
  osc: '\\e]0;PWNED\\a',
  csi8: '\\x9b31m',
  osc8: '\\x9d52;c;SGVsbG8=\\x9c',
  bel: 'ding\\a',
} as const;

type Payload = keyof typeof PAYLOADS;
const PAYLOAD_NAMES = Object.keys(PAYLOADS) as Payload[];

const ns = (name: string, extra = '') => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${extra}`;
const np = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: app}\nspec:\n${spec}`;

/** Manifest positions: (escaped payload) -> file text. */
const MANIFEST_PLACES: Record<string, (p: string) => string> = {
  'unknown field key': (p) => ns('a', `  "lab${p}els": {}\n`),
  'duplicate field key': (p) => ns('a', `  labels:\n    "k${p}": a\n    "k${p}": b\n`),
  'kind value': (p) => `apiVersion: v1\nkind: "Name${p}space"\nmetadata: {name: a}\n`,
  'apiVersion value': (p) => `apiVersion: "v1${p}"\nkind: Namespace\nmetadata: {name: a}\n`,
  'Invalid value (label value)': (p) => ns('a', `  labels:\n    team: "x${p}"\n`),
  'Invalid value (name)': (p) => ns(`"a${p}"`),
  'Unsupported value (protocol)': (p) => np(`  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: "TC${p}P"\n`),
  'a comment and a value (explain)': (p) => np(`  # "${p}"\n  podSelector: {matchLabels: {app: "web"}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {role: "x"}}\n`),
};

interface Case {
  name: string;
  args: string[];
  files?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}

const cases: Case[] = [];
for (const [place, make] of Object.entries(MANIFEST_PLACES)) {
  for (const payload of PAYLOAD_NAMES) {
    const command = place.includes('explain') ? 'explain' : 'matrix';
    cases.push({ name: `${place}, ${payload}, ${command}`, args: [command, '-f', 'in.yaml'], files: { 'in.yaml': make(YAML_ESCAPED[payload]) } });
  }
}
// Raw bytes in the file (not YAML escapes): the parser's own messages quote them.
for (const payload of PAYLOAD_NAMES) {
  cases.push({ name: `raw bytes in a key, ${payload}`, args: ['matrix', '-f', 'in.yaml'], files: { 'in.yaml': ns('a', `  lab${PAYLOADS[payload]}els: {}\n`) } });
}
for (const payload of PAYLOAD_NAMES) {
  const p = PAYLOADS[payload];
  cases.push(
    { name: `file name on stderr, ${payload}`, args: ['matrix', '-f', `in${p}.yaml`], files: { [`in${p}.yaml`]: ns('"bad_name"') } },
    { name: `missing file name, ${payload}`, args: ['matrix', '-f', `nope${p}.yaml`] },
    { name: `file name in explain's stdout, ${payload}`, args: ['explain', '-f', `np${p}.yaml`], files: { [`np${p}.yaml`]: np('  podSelector: {}\n') } },
    { name: `--port, ${payload}`, args: ['matrix', '-f', 'ok.yaml', '--port', `80${p}`], files: { 'ok.yaml': ns('a') } },
    { name: `--output, ${payload}`, args: ['matrix', '-f', 'ok.yaml', '--output', `t${p}`], files: { 'ok.yaml': ns('a') } },
    { name: `--namespace, ${payload}`, args: ['matrix', '-f', 'ok.yaml', '--namespace', `n${p}`, '-p', '80'], files: { 'ok.yaml': ns('a') } },
    { name: `--external, ${payload}`, args: ['matrix', '-f', 'ok.yaml', '--external', `1.2.3.4${p}`], files: { 'ok.yaml': ns('a') } },
    { name: `unknown option, ${payload}`, args: ['matrix', `--x${p}`] },
    { name: `unknown command, ${payload}`, args: [`ma${p}trix`] },
    { name: `why FROM TO, ${payload}`, args: ['why', '-f', 'ok.yaml', `a/b${p}`, `c${p}/d`, '80'], files: { 'ok.yaml': ns('a') } },
    { name: `exercise id (show), ${payload}`, args: ['show', `deny${p}`] },
    { name: `exercise id (grade), ${payload}`, args: ['grade', `deny${p}`, 'ok.yaml', '--no-save'], files: { 'ok.yaml': ns('a') } },
    { name: `--step, ${payload}`, args: ['grade', 'deny-all-ingress', 'ok.yaml', '--step', `1${p}`, '--no-save'], files: { 'ok.yaml': ns('a') } },
    { name: `corrupt store notice, ${payload}`, args: ['stats'], files: { 'scores/progress.json': `{"version": 1, "attempts": "${p}` } },
  );
}

let root: string;
beforeAll(() => {
  root = tempDir('netpol-inject-');
});

async function runCase(c: Case, i: number) {
  const cwd = path.join(root, String(i));
  mkdirSync(path.join(cwd, 'scores'), { recursive: true });
  for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(path.join(cwd, name), text);
  return runBinary(c.args, { cwd, env: { NETPOL_DOJO_SCORES: path.join(cwd, 'scores'), ...c.env } });
}

describe('no raw control character reaches the terminal', () => {
  it(`${cases.length} places x payloads through the real binary`, { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    let escapedSeen = 0;
    // A few at a time: each is a process start.
    for (let i = 0; i < cases.length; i += 4) {
      const batch = cases.slice(i, i + 4);
      const results = await Promise.all(batch.map((c, k) => runCase(c, i + k)));
      results.forEach((r, k) => {
        const c = batch[k];
        const out = r.stdout + r.stderr;
        if (RAW_CONTROL.test(out)) failures.push(`${c.name}: raw control in ${JSON.stringify(out.slice(0, 300))}`);
        if (STACK_TRACE.test(out)) failures.push(`${c.name}: stack trace`);
        if (![0, 1, 2].includes(r.code ?? -1)) failures.push(`${c.name}: exit ${r.code}: ${out.slice(0, 200)}`);
        if (/\\x(1b|07|9b|9d)|\\u00(1b|07|9b|9d)|\\[ae]/i.test(out)) escapedSeen++;
      });
    }
    expect(failures).toEqual([]);
    // Most places echo the input back: it must come out escaped, not vanish.
    expect(escapedSeen).toBeGreaterThan(cases.length * 0.6);
  });

  it('an error line names the input with its controls escaped', async () => {
    const r = await runBinary(['matrix', '-f', `a${PAYLOADS.osc}.yaml`], { cwd: tempDir() });
    expect(r.stderr).toBe('a\\x1b]0;PWNED\\x07.yaml: cannot read: no such file\n');
    const opt = await runBinary(['matrix', `--x${PAYLOADS.csi8}`]);
    expect(opt.stderr).toBe('netpol-dojo: unknown option --x\\x9b31m\n');
  });
});

describe('the escaping function', () => {
  it('escapes C0 (but line feed and tab), DEL and C1 as \\xNN, and nothing else', () => {
    expect(safeText('a\x1b[2Jb\x07c\x00d\x7fe\u0085f\u009bg\u009d\u009fh')).toBe('a\\x1b[2Jb\\x07c\\x00d\\x7fe\\x85f\\x9bg\\x9d\\x9fh');
    expect(safeText('line\n\tindented\r\n')).toBe('line\n\tindented\\x0d\n');
    expect(safeText('café ✓ ✗ · 日本 \u00a0')).toBe('café ✓ ✗ · 日本 \u00a0');
  });

  it('with colour on, keeps only our own colour codes', () => {
    const paint = painter(true);
    expect(terminalText(paint('red', `x${PAYLOADS.osc}`), true)).toBe('\x1b[31mx\\x1b]0;PWNED\\x07\x1b[39m');
    // An input that imitates a colour code is still escaped when colour is off.
    expect(terminalText('\x1b[31mred', false)).toBe('\\x1b[31mred');
  });
});
