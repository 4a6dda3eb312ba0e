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

/** A locator that runs `full` (the full parser's locator) the first time a position is asked. */
export function lazyLocator(full: () => Locator): Locator {
  let loc: Locator | undefined;
  return {
    value: (path: FieldPath): SourcePos => (loc ??= full()).value(path),
    key: (path: FieldPath): SourcePos => (loc ??= full()).key(path),
  };
}
