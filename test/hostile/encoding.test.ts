// Bytes that are not UTF-8, and characters that reorder or hide text on a terminal: a located
// one-line error with exit 2 for the first, \uNNNN escapes (never the raw character) for the second.
import { describe, expect, it } from 'vitest';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeInput } from '../../src/core/text/decode.js';
import { safeText } from '../../src/core/text/safe-text.js';
import { RAW_CONTROL, STACK_TRACE, runBinary, runInProcess, tempDir } from './helpers.js';

const SAVE = 'kubectl reads manifests as UTF-8, save the file as UTF-8';
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** The error decodeInput gives, as FILE:LINE:COL would show it. */
function decodeError(b: Buffer): string {
  const d = decodeInput(b);
  if (d.ok) return 'ok';
  return `${d.line}:${d.col}: ${d.message}`;
}

// Trojan Source's characters (CVE-2021-42574) and the other invisible ones escaped.
const BIDI = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

describe('bytes that are not UTF-8', () => {
  it('a Latin-1 letter: the position of the byte, in characters, and a hint', () => {
    expect(decodeError(bytes('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf', [0xe9], '\n'))).toBe(
      `4:12: not UTF-8: byte 0xe9 is not valid here (Latin-1 or Windows-1252 text?); ${SAVE}`,
    );
  });

  it('columns count characters, not bytes; CRLF and a lone CR end lines as YAML reads them', () => {
    expect(decodeError(bytes('a: b\r\nc: \u00e9\u65e5', [0xff], '\n'))).toBe(`2:6: not UTF-8: byte 0xff is not valid here (Latin-1 or Windows-1252 text?); ${SAVE}`);
    expect(decodeError(bytes('a: b\rc: d\r\ne: ', [0xfe], '\n'))).toBe(`3:4: not UTF-8: byte 0xfe is not valid here (Latin-1 or Windows-1252 text?); ${SAVE}`);
    // A BOM is not a column.
    expect(decodeError(bytes('\uFEFFa', [0xff]))).toBe(`1:2: not UTF-8: byte 0xff is not valid here (Latin-1 or Windows-1252 text?); ${SAVE}`);
  });

  it('overlong forms and encoded surrogates are refused (RFC 3629), without the Latin-1 hint', () => {
    expect(decodeError(bytes('a: ', [0xc0, 0xaf]))).toBe(`1:4: not UTF-8: byte 0xc0 is not valid here; ${SAVE}`);
    expect(decodeError(bytes('a: ', [0xed, 0xa0, 0x80]))).toBe(`1:4: not UTF-8: byte 0xed is not valid here; ${SAVE}`);
    expect(decodeError(bytes('a: ', [0xf4, 0x90, 0x80, 0x80]))).toBe(`1:4: not UTF-8: byte 0xf4 is not valid here; ${SAVE}`);
  });

  it('a character cut off at the end of the input is said so', () => {
    expect(decodeError(bytes('name: caf', [0xc3]))).toBe(`1:10: not UTF-8: a character cut off at the end of the input; ${SAVE}`);
    expect(decodeError(bytes('name: ', [0xe6, 0x97]))).toBe(`1:7: not UTF-8: a character cut off at the end of the input; ${SAVE}`);
  });

  it('binary data before the bad byte is called binary data; valid UTF-8 of every length passes', () => {
    expect(decodeError(bytes('ab', [0x00, 0x01, 0xff]))).toBe('1:3: binary data (NUL byte) is not YAML');
    expect(decodeInput(bytes('\uFEFFname: caf\u00e9 \u65e5\u672c \u{1F642}\n'))).toEqual({ ok: true, text: 'name: caf\u00e9 \u65e5\u672c \u{1F642}\n' });
  });

  it('every command, from a file or stdin: one line, exit 2, no stack trace (it was read as U+FFFD and accepted)', async () => {
    const dir = tempDir();
    const bad = bytes('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p', [0xff, 0xfe], 'q\n  namespace: a\nspec: {containers: [{name: c, image: x}]}\n');
    writeFileSync(path.join(dir, 'bad.yaml'), bad);
    const line = `4:10: not UTF-8: byte 0xff is not valid here (Latin-1 or Windows-1252 text?); ${SAVE}`;
    for (const argv of [
      ['matrix', '-f', 'bad.yaml'],
      ['explain', '-f', 'bad.yaml'],
      ['why', '-f', 'bad.yaml', 'a/p', 'a/p', '80'],
      ['diff', '-f', 'bad.yaml', '--against', 'bad.yaml'],
    ]) {
      const r = await runBinary(argv, { cwd: dir });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toBe(`bad.yaml:${line}\n`);
      expect(r.stdout).toBe('');
    }
    // stdin as the shell gives it: the file's bytes on descriptor 0.
    const fd = openSync(path.join(dir, 'bad.yaml'), 'r');
    try {
      const r = await runBinary(['matrix', '-f', '-'], { cwd: dir, stdin: fd });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`<stdin>:${line}\n`);
    } finally {
      closeSync(fd);
    }
  });
});

describe('text that would reorder or hide itself on a terminal', () => {
  it('bidi overrides, isolates, marks, zero-width characters and separators are written as \\uNNNN', () => {
    expect(safeText('abc\u202egpj.exe')).toBe('abc\\u202egpj.exe');
    expect(safeText('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c',
    );
    expect(safeText('a\u200bb\u200dc\u2060d\ufeffe\u2028f\u2029')).toBe('a\\u200bb\\u200dc\\u2060d\\ufeffe\\u2028f\\u2029');
    // C0 and C1 stay \xNN; letters of every script, emoji and combining marks pass.
    expect(safeText('\x1b]0;x\x07\x9b')).toBe('\\x1b]0;x\\x07\\x9b');
    expect(safeText('caf\u00e9 \u65e5\u672c \u05e9\u05dc\u05d5\u05dd \u{1F642} e\u0301')).toBe('caf\u00e9 \u65e5\u672c \u05e9\u05dc\u05d5\u05dd \u{1F642} e\u0301');
  });

  it('a name, a kind, a field and a file name with a bidi override reach stderr escaped, never raw', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'name.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "p\u202eq\x1b[31m"\n');
    writeFileSync(path.join(dir, 'kind.yaml'), 'apiVersion: v1\nkind: "Pod\u2067\x07"\nmetadata: {name: p}\n');
    writeFileSync(path.join(dir, 'field.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: p, "f\u2066oo": 1}\n');
    const cases: [string[], string][] = [
      [['matrix', '-f', 'name.yaml'], 'name.yaml:4:9: metadata.name: Invalid value: "p\\u202eq\\u001b[31m": a lowercase RFC 1123'],
      [['matrix', '-f', 'kind.yaml'], 'kind.yaml:2:7: warning: kind: skipping kind Pod\\u2067\\x07\n'],
      [['explain', '-f', 'field.yaml'], 'field.yaml:3:21: metadata.f\\u2066oo: unknown field "metadata.f\\u2066oo"\n'],
      [['matrix', '-f', 'no\u202esuch.yaml'], 'no\\u202esuch.yaml: cannot read: no such file\n'],
      [['why', '-f', 'field.yaml', 'a\u202eb', 'c', '80'], 'field.yaml:3:21: metadata.f\\u2066oo'],
    ];
    for (const [argv, start] of cases) {
      const r = await runBinary(argv, { cwd: dir });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.startsWith(start), `${argv.join(' ')}: ${r.stderr}`).toBe(true);
      expect(r.stderr + r.stdout).not.toMatch(BIDI);
      expect(r.stderr + r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });
});

describe('line breaks from input in an error', () => {
  it('a key, a file name and a typed name with a newline stay on one line, escaped', async () => {
    const dir = tempDir();
    const file = 'x\ny.yaml';
    writeFileSync(path.join(dir, file), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: p, "a\\nb": 1}\n');
    const bad = await runInProcess(['matrix', '-f', file], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('x\\ny.yaml:3:21: metadata.a\\nb: unknown field "metadata.a b"\n');
    writeFileSync(path.join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c, image: x}]}\n');
    const why = await runInProcess(['why', '-f', 'ok.yaml', 'a\nnetpol-dojo: forged', 'p', '80'], { cwd: dir });
    expect(why.code).toBe(2);
    expect(why.stderr).toBe('netpol-dojo: no pod named "a\\nnetpol-dojo: forged" in the manifests (use NAMESPACE/NAME, deploy/NAME, svc/NAME or an IP)\n');
  });
});
