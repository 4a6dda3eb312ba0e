// YAML texts as documents: where `---` separates something and where it only doubles another.
// Every place that joins YAML pieces (a fix task's policies in place, a step's solution, the
// review's reference) joins them here, so a piece that brings its own `---` never doubles it.

/** Splits a text into lines, without the empty line a final newline leaves. */
export function textLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const SEPARATOR = /^---\s*(#.*)?$/;

/**
 * YAML texts as documents joined by exactly one `---`: a piece that starts or ends with its own
 * separator (a later step's solution often begins with `---`) adds none of its own.
 */
export function joinDocuments(pieces: readonly string[]): string {
  const docs = pieces.map((p) => documentLines(p).join('\n').trimEnd()).filter((d) => d.trim() !== '');
  return docs.length ? docs.join('\n---\n') + '\n' : '';
}

/**
 * A text's lines for the diff, without the separators that separate nothing: one before the
 * first document, one after the last, or two in a row (kubectl skips the empty document between
 * them). So `---` is never counted twice, on either side.
 */
export function documentLines(text: string): string[] {
  const docs: { separator?: string; lines: string[] }[] = [{ lines: [] }];
  for (const line of textLines(text)) {
    if (SEPARATOR.test(line.trimEnd())) docs.push({ separator: line, lines: [] });
    else docs[docs.length - 1].lines.push(line);
  }
  const kept = docs.filter((d) => d.lines.some((l) => l.trim() !== ''));
  return kept.flatMap((d, i) => (i === 0 ? d.lines : [d.separator ?? '---', ...d.lines]));
}
