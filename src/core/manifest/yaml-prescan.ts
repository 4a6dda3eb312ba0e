// A cheap lexical pass over YAML text, run before the real parser: the `yaml` package builds a
// whole tree (and takes quadratic time and gigabytes on deep flow nesting) before anything can
// look at its shape. This pass reads each character once, keeps a few counters, and refuses
// text that is nested too deeply or is too big to parse in reasonable time and memory.
//
// It is an estimate on purpose: it tracks quotes, comments, block scalars, flow brackets and
// block indentation, which is all that nesting depth depends on. It may count a level or two
// more or fewer than the parser; the exact depth check still runs on the parsed tree.

export interface PrescanLimits {
  /** Deepest nesting allowed (collections inside collections). */
  maxDepth: number;
  /** Most collection entries and scalars the parser is asked to build, over all documents. */
  maxNodes: number;
  /** Most documents in one text. */
  maxDocuments: number;
}

export interface PrescanProblem {
  /** Offset in the text where the limit was crossed. */
  offset: number;
  kind: 'depth' | 'nodes' | 'documents';
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isEnd = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n';

/** Past blanks, and past node properties (`&anchor`, `!tag`) with the blanks after them. */
function skipProperties(text: string, q: number, end: number): number {
  for (;;) {
    while (q < end && isBlank(text[q])) q++;
    if (text[q] !== '&' && text[q] !== '!') return q;
    while (q < end && !isBlank(text[q])) q++;
  }
}

export function prescanYaml(text: string, limits: PrescanLimits): PrescanProblem | undefined {
  const n = text.length;
  let flowDepth = 0;
  /** Block nesting where the outermost open flow collection started. */
  let flowBase = 0;
  let quote: '' | '"' | "'" = '';
  /** Indentation of the line that opened a block scalar (`key: |`), or -1. */
  let blockScalarParent = -1;
  const indents: number[] = [];
  let nodes = 0;
  let documents = 1;

  let lineStart = 0;
  while (lineStart < n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let p = lineStart;
    while (p < lineEnd && text[p] === ' ') p++;
    const indent = p - lineStart;

    if (blockScalarParent >= 0) {
      // Block scalar content: more indented than its parent, or blank. None of it is structure.
      if (p === lineEnd || indent > blockScalarParent) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockScalarParent = -1;
    }

    /** Nesting of what follows on this line, in block context. */
    let depth = flowDepth > 0 ? flowBase : indents.length;
    /** Where a block value may start on this line (after an indicator or at the line's content). */
    let valueStart = p;
    if (quote === '' && flowDepth === 0) {
      const c = text[lineStart];
      if ((c === '-' || c === '.') && text.startsWith(c === '-' ? '---' : '...', lineStart) && isEnd(text[lineStart + 3])) {
        // A document marker: everything starts again at the top.
        indents.length = 0;
        documents++;
        if (documents > limits.maxDocuments) return { offset: lineStart, kind: 'documents' };
        p = lineStart + 3;
        while (p < lineEnd && isBlank(text[p])) p++;
        valueStart = p;
        depth = 0;
      } else {
        if (p === lineEnd || text[p] === '#' || text[p] === '\t') {
          lineStart = lineEnd + 1;
          continue;
        }
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        nodes++;
        // Compact nesting on one line: `- - - x`, `? - a`, `- key: value`.
        while ((text[p] === '-' || text[p] === '?' || text[p] === ':') && isEnd(text[p + 1])) {
          if (indents.length >= limits.maxDepth) return { offset: p, kind: 'depth' };
          p = skipProperties(text, p + 1, lineEnd);
          indents.push(p - lineStart);
          nodes++;
        }
        depth = indents.length;
        valueStart = p;
      }
    }

    let prev = p > lineStart ? text[p - 1] : ' ';
    /** Where a `- - -` chain may go on (a value's start, or right after a flow bracket or comma). */
    let chainAt = valueStart;
    const skipBlanks = (q: number): number => skipProperties(text, q, lineEnd);
    for (; p < lineEnd; p++) {
      const c = text[p];
      if (quote === '"') {
        if (c === '\\') p++;
        else if (c === '"') quote = '';
        prev = c;
        continue;
      }
      if (quote === "'") {
        if (c === "'") {
          if (text[p + 1] === "'") p++;
          else quote = '';
        }
        prev = c;
        continue;
      }
      const tokenStart = isBlank(prev) || p === valueStart || (flowDepth > 0 && (prev === '[' || prev === '{' || prev === ',' || prev === ':'));
      if (c === '#' && isBlank(prev)) break; // a comment runs to the end of the line
      if ((c === '"' || c === "'") && tokenStart) {
        quote = c;
      } else if ((c === '[' || c === '{') && (flowDepth > 0 || p === valueStart)) {
        if (flowDepth === 0) flowBase = depth;
        flowDepth++;
        nodes++;
        if (depth + flowDepth > limits.maxDepth) return { offset: p, kind: 'depth' };
        chainAt = skipBlanks(p + 1);
      } else if ((c === ']' || c === '}') && flowDepth > 0) {
        flowDepth--;
      } else if (c === ',' && flowDepth > 0) {
        nodes++;
        chainAt = skipBlanks(p + 1);
      } else if (c === ':' && flowDepth === 0 && isEnd(text[p + 1])) {
        // `key: value`: the value is one level below the key.
        depth++;
        nodes++;
        let q = p + 1;
        while (q < lineEnd && isBlank(text[q])) q++;
        valueStart = q;
        if (depth > limits.maxDepth) return { offset: p, kind: 'depth' };
      } else if ((c === '|' || c === '>') && flowDepth === 0 && p === valueStart) {
        blockScalarParent = indent;
        break; // the rest of the line is the header (indicators, a comment)
      } else if ((c === '-' || c === '?') && (p === valueStart || p === chainAt) && isEnd(text[p + 1])) {
        // `- - - x` where a value starts (invalid inside flow or after a key, but the parser
        // still nests one level per dash): each dash is a level.
        depth++;
        nodes++;
        if ((flowDepth > 0 ? depth + flowDepth : depth) > limits.maxDepth) return { offset: p, kind: 'depth' };
        chainAt = skipBlanks(p + 1);
      }
      if (nodes > limits.maxNodes) return { offset: p, kind: 'nodes' };
      prev = c;
    }
    if (nodes > limits.maxNodes) return { offset: lineStart, kind: 'nodes' };
    lineStart = lineEnd + 1;
  }
  return undefined;
}
