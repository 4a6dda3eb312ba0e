// The fast path for JSON input (`kubectl get -o json`): JSON.parse instead of composing YAML
// documents, for texts where the two provably give the same data. JSON is YAML, and kubectl
// reads it as YAML, so anything the fast path is not sure of goes to the full parser: numbers
// other than plain safe integers, escapes YAML 1.1 reads differently, prototype keys, deep
// nesting, and duplicate keys (found by counting: keys in the text against keys in the result).
// Positions are worked out only when a finding asks for one, by the full parser.
import type { SourcePos } from '../model.js';
import type { FieldPath, Locator } from './yaml-documents.js';

/** Strings (with a following colon when they are keys) and number-like tokens outside strings. */
const TOKENS = /"(?:[^"\\]|\\.)*"(\s*:)?|[-+0-9.][-+0-9.eE]*/g;
/** Integers that go-yaml v2 and JSON.parse read the same (no -0, within 2^53). */
const SAFE_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;
/** YAML 1.1 line breaks inside strings, a solidus escape, surrogate escapes, prototype and merge keys. */
const UNSURE = /[\u0085\u2028\u2029]|\\\/|\\u[dD][89abAB]|\\u[dD][c-fC-F]|"__proto__"|"<<"/;

const POLICIES = /"kind"\s*:\s*"NetworkPolicy"/;

export interface JsonDocument {
  data: object;
  /** Offset of the document's first character. */
  start: number;
}

/**
 * The one document of a JSON text, or undefined when the text is not JSON or the full parser
 * must decide (see above). `maxNesting` is the full parser's depth limit.
 */
export function parseJsonDocument(text: string, maxNesting: number): JsonDocument | undefined {
  let start = 0;
  while (start < text.length && (text[start] === ' ' || text[start] === '\n' || text[start] === '\t')) start++;
  if (text[start] !== '{' && text[start] !== '[') return undefined;
  if (UNSURE.test(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  // Policies keep a position for every rule, port and peer (validate-policy). In a List the
  // caller gets them by parsing the policy's item alone; a lone policy would be parsed twice
  // here, so the full parse takes it.
  if (!Array.isArray((data as { items?: unknown }).items) && POLICIES.test(text)) return undefined;
  let keysInText = 0;
  TOKENS.lastIndex = 0;
  for (let m = TOKENS.exec(text); m !== null; m = TOKENS.exec(text)) {
    if (m[0][0] === '"') {
      if (m[1] !== undefined) keysInText++;
    } else if (!SAFE_INT.test(m[0])) return undefined;
  }
  // Every key of the result, and the depth, without recursion.
  let keysInData = 0;
  const stack: { v: object; depth: number }[] = [{ v: data, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > maxNesting) return undefined;
    const values = Array.isArray(v) ? v : Object.values(v);
    if (!Array.isArray(v)) keysInData += values.length;
    for (const x of values) if (typeof x === 'object' && x !== null) stack.push({ v: x, depth: depth + 1 });
  }
  // Fewer keys in the result than in the text: a key was repeated (JSON.parse keeps the last).
  if (keysInData !== keysInText) return undefined;
  return { data, start };
}

/**
 * A locator that answers from `known` (positions the fast path kept: the document and its
 * List items, which every object asks for) and runs `full` (the full parser's locator) the
 * first time any other position is asked, for a finding.
 */
export function lazyLocator(full: () => Locator, known: (path: FieldPath) => SourcePos | undefined = () => undefined): Locator {
  let loc: Locator | undefined;
  return {
    value: (path: FieldPath): SourcePos => known(path) ?? (loc ??= full()).value(path),
    key: (path: FieldPath): SourcePos => (loc ??= full()).key(path),
  };
}

/** Offsets of the root value and of each element of a top-level "items" array, for lazyLocator. */
export interface KnownOffsets {
  root: number;
  items?: number[];
}

/** The value offsets `[]` and `['items', i]` resolve to, or undefined for any other path. */
export function knownPositions(offsets: KnownOffsets, posAt: (offset: number) => SourcePos): (path: FieldPath) => SourcePos | undefined {
  return (path) => {
    if (path.length === 0) return posAt(offsets.root);
    if (path.length === 2 && path[0] === 'items' && typeof path[1] === 'number' && offsets.items) {
      const at = offsets.items[path[1]];
      return at === undefined ? undefined : posAt(at);
    }
    return undefined;
  };
}

/**
 * Where the elements of a JSON text's top-level "items" array start (a kubectl List), found
 * with a scan of strings and brackets; undefined when the root has no such array.
 */
export function jsonItemOffsets(text: string, start: number): number[] | undefined {
  if (text[start] !== '{') return undefined;
  const re = /"(?:[^"\\]|\\.)*"|[{}[\],:]/g;
  re.lastIndex = start;
  let depth = 0;
  let lastKey: string | undefined;
  let expectKey = false;
  let inItems = false;
  let items: number[] | undefined;
  const firstChar = (from: number): number => {
    let i = from;
    while (text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\r') i++;
    return i;
  };
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const t = m[0];
    if (t === '{' || t === '[') {
      depth++;
      if (depth === 1) expectKey = true;
      if (depth === 2 && t === '[' && lastKey === 'items' && items === undefined) {
        inItems = true;
        items = [];
        const at = firstChar(re.lastIndex);
        if (text[at] !== ']') items.push(at);
      }
    } else if (t === '}' || t === ']') {
      if (depth === 2 && inItems) inItems = false;
      depth--;
    } else if (t === ',') {
      if (depth === 1) expectKey = true;
      else if (depth === 2 && inItems) items!.push(firstChar(re.lastIndex));
    } else if (t === ':') {
      // nothing: the key came just before
    } else if (depth === 1 && expectKey) {
      lastKey = JSON.parse(t) as string;
      expectKey = false;
    }
  }
  return items;
}

/** Line and column of offsets in `text`, from one scan for line breaks (then a binary search each). */
export function lineIndex(file: string, text: string): (offset: number) => SourcePos {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - starts[lo] + 1 };
  };
}

/**
 * Where each value of a JSON stream starts and ends: `{...}\n{...}`, as `jq '.items[]'` and
 * `kubectl get -o json >> file` make, which kubectl reads (its decoder takes successive JSON
 * values when the input starts with '{'). Undefined unless the text is two or more objects with
 * only whitespace between them; brackets inside strings are skipped, nothing else is checked.
 */
export function jsonStreamValues(text: string, maxValues: number): { start: number; end: number }[] | undefined {
  const re = /"(?:[^"\\]|\\.)*"|[{}[\]]/g;
  const values: { start: number; end: number }[] = [];
  const skipSpace = (from: number): number => {
    let i = from;
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\r')) i++;
    return i;
  };
  let start = skipSpace(0);
  while (start < text.length) {
    if (text[start] !== '{' || values.length >= maxValues) return undefined;
    re.lastIndex = start;
    let depth = 0;
    let end = -1;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const t = m[0];
      if (t === '{' || t === '[') depth++;
      else if (t === '}' || t === ']') depth--;
      if (depth === 0) {
        end = re.lastIndex;
        break;
      }
    }
    if (end < 0) return undefined;
    values.push({ start, end });
    start = skipSpace(end);
  }
  return values.length >= 2 ? values : undefined;
}

/** Where the JSON object or array starting at `start` ends (one past its closing bracket); undefined for a scalar. */
export function jsonValueEnd(text: string, start: number): number | undefined {
  if (text[start] !== '{' && text[start] !== '[') return undefined;
  const re = /"(?:[^"\\]|\\.)*"|[{}[\]]/g;
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const t = m[0];
    if (t === '{' || t === '[') depth++;
    else if (t === '}' || t === ']') depth--;
    if (depth === 0) return re.lastIndex;
  }
  return undefined;
}
