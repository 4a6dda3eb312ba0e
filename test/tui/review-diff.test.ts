// The review diff as text: YAML document separators are never doubled, and a wrapped line keeps
// its gutter mark and its indentation, side by side and one after the other.
import { describe, expect, it } from 'vitest';
import { comparisonLines, gutterPieces, referenceAnswer } from '../../src/tui/review/attempt-lines.js';
import { documentLines, joinDocuments } from '../../src/core/text/yaml-documents.js';
import { loadBank } from '../../src/core/bank/load-dir.js';

const DENY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n';
const DNS = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: dns\n';
const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('document separators', () => {
  it('joins pieces with one separator, whether or not a piece brings its own', () => {
    const one = `${DENY.trimEnd()}\n---\n${DNS}`;
    expect(joinDocuments([DENY, DNS])).toBe(one);
    expect(joinDocuments([DENY, `---\n${DNS}`])).toBe(one);
    expect(joinDocuments([`${DENY}---\n`, `---\n${DNS}`])).toBe(one);
    expect(joinDocuments([`---\n${DENY}`, '\n', DNS])).toBe(one);
    expect(joinDocuments([])).toBe('');
  });

  it('drops separators that separate nothing: leading, trailing, two in a row', () => {
    expect(documentLines(`---\n${DENY}---\n\n---\n${DNS}---\n`)).toEqual([...DENY.trimEnd().split('\n'), '---', ...DNS.trimEnd().split('\n')]);
    // A comment is content: the document around it stays.
    expect(documentLines('a: 1\n---\n# note\n---\nb: 2\n')).toEqual(['a: 1', '---', '# note', '---', 'b: 2']);
  });

  it("a later step's solution that starts with --- shows one separator in the reference", () => {
    const s = loadBank().byId.get('exercise-2')!;
    const ref = referenceAnswer(s, 2)!.text;
    expect(ref.split('\n').filter((l) => l === '---')).toHaveLength(1);
    expect(ref).not.toMatch(/---\n---/);
  });

  it('the same two documents compare equal, whatever separators each side has', () => {
    const lines = texts(comparisonLines(`---\n${DENY}---\n---\n${DNS}`, joinDocuments([DENY, `---\n${DNS}`]), 120));
    expect(lines.filter((l) => /^[-+] /.test(l) || /│ \+/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.includes('---'))).toEqual([`  ${'---'.padEnd(56)} │   ---`]);
  });
});

describe('wrapped lines', () => {
  const long = '        - cidr: 10.0.0.0/8 # the whole private range, which is more than the task asks for';

  it('keep the gutter mark and the indentation on every piece', () => {
    const pieces = gutterPieces('-', long, 40);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(40);
    expect(pieces[0]).toBe('-         - cidr: 10.0.0.0/8 # the whole');
    for (const p of pieces.slice(1)) expect(p).toMatch(/^- {11}\S/);
    expect(pieces.map((p) => p.slice(2).trim()).join(' ')).toBe(long.trim());
  });

  it('side by side: each side wraps in its own column, the separator stays in place', () => {
    const width = 100;
    const lines = texts(comparisonLines(`spec:\n${long}\n`, 'spec:\n  podSelector: {}\n', width));
    const bar = lines[0].indexOf('│');
    for (const l of lines.slice(2)) {
      expect(l.length).toBeLessThanOrEqual(width);
      expect(l.indexOf('│')).toBe(bar);
    }
    const mine = lines.filter((l) => l.startsWith('- '));
    expect(mine.length).toBeGreaterThan(1);
    for (const l of mine.slice(1)) expect(l).toMatch(/^- {11}\S/);
    expect(lines.some((l) => l.includes('│ +   podSelector: {}'))).toBe(true);
  });

  it('one after the other: the reference wraps with its + gutter and indentation', () => {
    const lines = texts(comparisonLines('spec: {}\n', `spec:\n${long}\n`, 60));
    const ref = lines.slice(lines.indexOf('Reference solution') + 1).filter((l) => l.startsWith('+ '));
    expect(ref.length).toBeGreaterThan(2);
    for (const l of ref) expect(l.length).toBeLessThanOrEqual(60);
    expect(ref[1]).toMatch(/^\+ {9}- cidr/);
    for (const l of ref.slice(2)) expect(l).toMatch(/^\+ {11}\S/);
  });
});
