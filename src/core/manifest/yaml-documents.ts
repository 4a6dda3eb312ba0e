// Layer 1: text -> YAML documents with positions.
// kubectl reads YAML 1.1 (yes/no/on/off/y/n are booleans, 0755 is octal) and keeps
// timestamp-looking scalars as strings, so we do the same. Every document keeps a
// Locator that turns a field path into FILE:LINE:COL, following aliases and merge keys.
import { Document as YamlDocumentNode, LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Alias, Document, Node, Pair, Schema, YAMLMap } from 'yaml';
import type { Finding } from '../findings.js';
import type { SourcePos } from '../model.js';
import { nulByteMessage } from '../text/decode.js';
import { prescanYaml } from './yaml-prescan.js';
import { jsonItemOffsets, jsonStreamValues, jsonValueEnd, knownPositions, lazyLocator, lineIndex, parseJsonDocument } from './json-documents.js';
import { locateIn, parseBlockYaml } from './yaml-cst.js';

export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

/** Kubernetes objects are shallow; anything deeper is garbage or an attack on the parser. */
export const MAX_NESTING = 100;
/** Aliases are legitimate in hand-written YAML; a few hundred expansions are not. */
export const MAX_ALIAS_COUNT = 100;
/**
 * The parse budget: the most entries and scalars (and documents) one text may ask the parser to
 * build. A 20,000-pod `kubectl get -o yaml` dump stays well below; beyond it, parsing would take
 * seconds and hundreds of megabytes for something no cluster produces.
 */
export const MAX_YAML_NODES = 4_000_000;
export const MAX_DOCUMENTS = 200_000;

/** spec.ingress[0].ports[1].endPort; map keys with '.' or '/' are written in brackets. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/[./]/.test(seg) || seg === '') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export interface Locator {
  /** Position of the value at `path`, or of its deepest ancestor that exists. */
  value(path: FieldPath): SourcePos;
  /** Position of the key that names the last segment of `path` (unknown or duplicate fields). */
  key(path: FieldPath): SourcePos;
}

/** A locator for a sub-object (a List item), addressed with paths relative to it. */
export function prefixedLocator(loc: Locator, prefix: FieldPath): Locator {
  return {
    value: (path) => loc.value([...prefix, ...path]),
    key: (path) => loc.key([...prefix, ...path]),
  };
}

export interface YamlDocument {
  file: string;
  /** 0-based position of the document in its file (empty documents count). */
  index: number;
  /** Plain data as kubectl's decoder sees it (objects, arrays, strings, numbers, booleans, null). */
  data: unknown;
  locator: Locator;
  /** Where the document's content starts. */
  source: SourcePos;
}

export interface ParsedYamlFile {
  documents: YamlDocument[];
  findings: Finding[];
}

interface ScalarTag {
  tag?: string;
  format?: string;
  test?: RegExp;
  resolve?: unknown;
}

// gopkg.in/yaml.v2 (resolve.go) reads a plain scalar starting with a digit or a sign as:
// underscores dropped, then strconv.ParseInt(s, 0, 64) (0x/0X, 0o/0O, 0b/0B, leading 0 = octal),
// then ParseUint, then a float if it has yamlStyleFloat's shape and is in range. One starting
// with '.' is a float only if strconv.ParseFloat takes it as written.
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function goInt(text: string): number | undefined {
  if (!/^[-+0-9]/.test(text)) return undefined;
  const m = GO_INT.exec(text.replace(/_/g, ''));
  if (!m) return undefined;
  const [, sign, hex, oct, bin, zeroOct, dec] = m;
  const digits = hex !== undefined ? `0x${hex}` : oct !== undefined ? `0o${oct}` : bin !== undefined ? `0b${bin}` : dec ?? `0o${zeroOct || '0'}`;
  const value = sign === '-' ? -BigInt(digits) : BigInt(digits);
  // ParseInt's int64 range, or ParseUint's (which takes no sign).
  if ((value >= INT64_MIN && value <= INT64_MAX) || (sign === '' && value <= UINT64_MAX)) return Number(value);
  return undefined;
}

function goFloat(text: string): number | undefined {
  let n: number;
  if (text.startsWith('.')) n = DOT_FLOAT.test(text) ? Number(text) : NaN;
  else if (/^[-+0-9]/.test(text) && YAML_STYLE_FLOAT.test(text.replace(/_/g, ''))) n = Number(text.replace(/_/g, ''));
  else return undefined;
  // Out of float64 range: ParseFloat fails and go-yaml keeps the string.
  return Number.isFinite(n) ? n : undefined;
}

const tester = (parse: (s: string) => number | undefined) => ({ test: (s: string) => parse(s) !== undefined }) as unknown as RegExp;

/**
 * YAML 1.1 as kubectl's go-yaml v2 resolves it into interface{}: timestamps stay strings,
 * there are no sexagesimal numbers ("1:20" is a string), and numbers follow Go's parsers.
 */
function goYamlTags(tags: unknown[]): unknown[] {
  const out: unknown[] = [];
  let numbersAdded = false;
  for (const t of tags as ScalarTag[]) {
    if (t.tag === 'tag:yaml.org,2002:timestamp' || t.format === 'TIME') continue;
    const isInt = t.tag === 'tag:yaml.org,2002:int';
    // .inf/.nan keep the package's own tag; every other int or float format gives way to Go's rules.
    const isFloat = t.tag === 'tag:yaml.org,2002:float' && !(t.test && t.test.source.includes('inf'));
    if (!isInt && !isFloat) {
      out.push(t);
      continue;
    }
    if (numbersAdded) continue;
    numbersAdded = true;
    out.push(
      { ...t, tag: 'tag:yaml.org,2002:int', format: undefined, test: tester(goInt), resolve: (s: string) => goInt(s) },
      { ...t, tag: 'tag:yaml.org,2002:float', format: undefined, test: tester(goFloat), resolve: (s: string) => goFloat(s) },
    );
  }
  return out;
}

const PARSE_OPTIONS = {
  version: '1.1' as const,
  logLevel: 'error' as const, // the package's warnings go to process.emitWarning; ours are findings
  uniqueKeys: false, // we report duplicates ourselves, with their field path
  customTags: goYamlTags as never,
};

export interface ParseOptions {
  /** Take JSON texts through JSON.parse when that reads them the same (default true; tests turn it off to compare). */
  jsonFastPath?: boolean;
  /** Take block YAML from the yaml package's CST when that reads it the same (default true). */
  blockFastPath?: boolean;
}

let schema: Schema | undefined;
/** The schema the full parse resolves scalars with (YAML 1.1 as go-yaml v2 reads it). */
function parseSchema(): Schema {
  return (schema ??= new YamlDocumentNode(null, PARSE_OPTIONS).schema);
}

const positions = (file: string, lines: LineCounter) => (offset: number): SourcePos => {
  const { line, col } = lines.linePos(Math.max(0, offset));
  return { file, line, col };
};

/** Parse every document of one file. Empty documents are skipped; broken ones yield findings. */
export function parseYamlDocuments(file: string, input: string, options: ParseOptions = {}): ParsedYamlFile {
  const parsed = parseText(file, input, options);
  // Not YAML, but maybe a stream of JSON objects (kubectl reads those): looked for only then,
  // so that no valid input pays for the scan.
  if (parsed.findings.length > 0 && /^\s*\{/.test(input)) {
    const values = jsonStreamValues(input, MAX_DOCUMENTS);
    if (values) return parseJsonStream(file, input, values, options);
  }
  return parsed;
}

/** Each value of a JSON stream parsed on its own, its positions moved to where it stands in the file. */
function parseJsonStream(file: string, input: string, values: { start: number; end: number }[], options: ParseOptions): ParsedYamlFile {
  const out: ParsedYamlFile = { documents: [], findings: [] };
  const at = lineIndex(file, input.includes('\r') ? input.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n')) : input);
  values.forEach(({ start, end }, index) => {
    const origin = at(start);
    const one = parseText(file, input.slice(start, end), options);
    out.findings.push(...one.findings.map((f) => shiftPosition(f, origin)));
    for (const d of one.documents) out.documents.push({ ...d, index, locator: shiftedLocator(d.locator, origin), source: shiftPosition(d.source, origin) });
  });
  return out;
}

/** A position in a piece of text moved to where the piece starts (`origin`) in its file. */
function shiftPosition<T extends { line: number; col: number }>(p: T, origin: SourcePos): T {
  return p.line === 0 ? p : { ...p, line: p.line + origin.line - 1, col: p.line === 1 ? p.col + origin.col - 1 : p.col };
}

function shiftedLocator(loc: Locator, origin: SourcePos): Locator {
  return { value: (path) => shiftPosition(loc.value(path), origin), key: (path) => shiftPosition(loc.key(path), origin) };
}

function parseText(file: string, input: string, options: ParseOptions): ParsedYamlFile {
  let text = input;
  const findings: Finding[] = [];
  const documents: YamlDocument[] = [];
  const lines = new LineCounter();
  const posAt = (offset: number): SourcePos => {
    const { line, col } = lines.linePos(Math.max(0, offset));
    return { file, line, col };
  };
  const error = (pos: SourcePos, message: string, path = ''): void => {
    findings.push({ severity: 'error', file, line: pos.line, col: pos.col, path, message });
  };

  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    // Count lines only up to the NUL byte: the rest may be anything.
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const col = nul - before.lastIndexOf('\n');
    error({ file, line, col }, nulByteMessage(text));
    return { documents, findings };
  }
  // go-yaml reads a lone CR as a line break, as YAML says; the `yaml` package is slow on it
  // (quadratic). Line and column numbers stay the same: a CR only ever ends a line.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');

  const tooBig = prescanYaml(text, { maxDepth: MAX_NESTING + 2, maxNodes: MAX_YAML_NODES, maxDocuments: MAX_DOCUMENTS });
  if (tooBig) {
    const message =
      tooBig.kind === 'depth'
        ? `YAML nested too deeply (more than ${MAX_NESTING} levels)`
        : tooBig.kind === 'documents'
          ? `too many YAML documents (more than ${MAX_DOCUMENTS.toLocaleString('en-US')}): refusing the file`
          : `YAML too large to parse (more than ${MAX_YAML_NODES.toLocaleString('en-US')} values): refusing the file`;
    error(positionIn(file, text, tooBig.offset), message);
    return { documents, findings };
  }

  // JSON (kubectl get -o json) that reads the same either way: JSON.parse, positions on demand.
  const json = options.jsonFastPath === false ? undefined : parseJsonDocument(text, MAX_NESTING);
  if (json) {
    const source = positionIn(file, text, json.start);
    const full = (): Locator => {
      const located = parseYamlText(file, text, lines, posAt).documents[0];
      return located?.locator ?? { value: () => source, key: () => source };
    };
    const items = jsonItemOffsets(text, json.start);
    const at = lineIndex(file, text);
    const known = knownPositions({ root: json.start, items }, at);
    // A position inside a List item (a policy's rules, a finding) from the item's text alone,
    // not from a full parse of a dump that may be tens of megabytes.
    const inItems = new Map<number, Locator | null>();
    const itemLocator = (i: number): Locator | undefined => {
      let loc = inItems.get(i);
      if (loc === undefined) {
        const start = items?.[i];
        const end = start === undefined ? undefined : jsonValueEnd(text, start);
        const doc = end === undefined ? undefined : parseText(file, text.slice(start, end), { jsonFastPath: false }).documents[0];
        loc = doc ? shiftedLocator(doc.locator, at(start!)) : null;
        inItems.set(i, loc);
      }
      return loc ?? undefined;
    };
    const lazy = lazyLocator(full, known);
    const inItem = (path: FieldPath) => (path.length > 2 && path[0] === 'items' && typeof path[1] === 'number' ? itemLocator(path[1]) : undefined);
    const locator: Locator = {
      value: (path) => inItem(path)?.value(path.slice(2)) ?? lazy.value(path),
      key: (path) => inItem(path)?.key(path.slice(2)) ?? lazy.key(path),
    };
    documents.push({ file, index: 0, data: json.data, locator, source });
    return { documents, findings };
  }
  // Block YAML that the CST reads exactly as the full parse: data now, positions on demand.
  const cst = options.blockFastPath === false ? undefined : parseBlockYaml(text, parseSchema(), lines, MAX_NESTING);
  if (cst) {
    let fullDocs: Map<number, YamlDocument> | undefined;
    const located = (index: number): YamlDocument | undefined => {
      fullDocs ??= (() => {
        const again = new LineCounter();
        return new Map(parseYamlText(file, text, again, positions(file, again)).documents.map((d) => [d.index, d]));
      })();
      return fullDocs.get(index);
    };
    for (const d of cst) {
      const source = posAt(d.start);
      const fallback = (): Locator => located(d.index)?.locator ?? { value: () => source, key: () => source };
      let full: Locator | undefined;
      const at = (path: FieldPath, wantKey: boolean): SourcePos => {
        const offset = locateIn(d, path, wantKey);
        if (offset !== undefined) return posAt(offset);
        full ??= fallback();
        return wantKey ? full.key(path) : full.value(path);
      };
      const locator: Locator = { value: (path) => at(path, false), key: (path) => at(path, true) };
      documents.push({ file, index: d.index, data: d.data, locator, source });
    }
    return { documents, findings };
  }
  const again = new LineCounter();
  return parseYamlText(file, text, again, positions(file, again));
}

/** The full parse (after the checks above): every document composed, checked and located. */
function parseYamlText(file: string, text: string, lines: LineCounter, posAt: (offset: number) => SourcePos): ParsedYamlFile {
  const findings: Finding[] = [];
  const documents: YamlDocument[] = [];
  const error = (pos: SourcePos, message: string, path = ''): void => {
    findings.push({ severity: 'error', file, line: pos.line, col: pos.col, path, message });
  };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: lines }) as Document.Parsed[];
  } catch (e) {
    // The yaml package reports its own failures as errors; this is a last guard.
    error({ file, line: 1, col: 1 }, `cannot parse YAML: ${oneLine(e)}`);
    return { documents, findings };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];

  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      error(posAt(e.pos[0]), syntaxMessage(e.message));
      return;
    }
    const root = doc.contents as Node | null;
    if (root === null || (isScalar(root) && root.value === null)) return; // empty document

    const shape = checkShape(doc, root, (offset, message, path) => error(posAt(offset), message, path));
    if (!shape) return;

    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const msg = oneLine(e);
      error(
        posAt(root.range?.[0] ?? 0),
        /excessive alias count/i.test(msg) ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}): refusing the document` : `cannot read YAML: ${msg}`,
      );
      return;
    }
    if (data === null || data === undefined) return;
    documents.push({ file, index, data, locator: makeLocator(doc, root, posAt), source: posAt(root.range?.[0] ?? 0) });
  });
  return { documents, findings };
}

/** Line and column of an offset, counted directly (for errors found before the parser runs). */
function positionIn(file: string, text: string, offset: number): SourcePos {
  let line = 1;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { file, line, col: offset - lastBreak };
}

function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}

/** "Implicit keys need ... at line 3, column 1:\n\n<snippet>" -> "Implicit keys need ..." */
function syntaxMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (/Maximum call stack/i.test(first)) return `YAML nested too deeply (more than ${MAX_NESTING} levels)`;
  return `YAML syntax error: ${first}`;
}

function keyText(pair: Pair): string | null {
  const k = pair.key as unknown;
  if (isScalar(k)) {
    if (typeof k.value === 'symbol') return '<<'; // the YAML 1.1 merge key
    return k.value === null ? '' : String(k.value);
  }
  if (k === null || k === undefined) return '';
  return null; // complex keys never name a Kubernetes field
}

/**
 * One iterative pass over the tree (no recursion, aliases not followed): refuses deep
 * nesting before anything recursive runs, aliases that are unknown or contain themselves,
 * keys that are collections, and reports duplicate keys with their path.
 * Returns false when the document must be dropped.
 */
function checkShape(doc: Document.Parsed, root: Node, report: (offset: number, message: string, path: string) => void): boolean {
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: root, path: [] }];
  let ok = true;
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_NESTING) {
      const off = (node as Node).range?.[0] ?? 0;
      report(off, `YAML nested too deeply (more than ${MAX_NESTING} levels)`, '');
      return false;
    }
    if (isAlias(node)) {
      const problem = aliasProblem(doc, node);
      if (problem) {
        report(node.range?.[0] ?? 0, problem, formatPath(path));
        return false;
      }
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        let k = keyText(pair);
        if (k === null && isAlias(pair.key)) {
          const problem = aliasProblem(doc, pair.key);
          if (problem) {
            report(pair.key.range?.[0] ?? 0, problem, formatPath(path));
            return false;
          }
          // An alias of a scalar is that scalar as a key; of a collection, a complex key.
          const target = pair.key.resolve(doc);
          if (isScalar(target)) k = target.value === null ? '' : String(target.value);
        }
        if (k === null) {
          // sigs.k8s.io/yaml turns YAML into JSON, whose keys are strings: kubectl refuses these.
          const where = formatPath(path);
          report((pair.key as Node | null)?.range?.[0] ?? 0, 'a sequence or mapping used as a key: kubectl cannot decode it (map keys must be strings)', where);
          return false;
        }
        if (k !== '<<') {
          if (seen.has(k)) {
            const p = formatPath([...path, k]);
            report((pair.key as Node).range?.[0] ?? 0, `duplicate field "${p}"`, p);
            ok = false;
          }
          seen.add(k);
        }
        if (pair.value) stack.push({ node: pair.value, path: [...path, k] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
  }
  return ok;
}

/** Why an alias cannot be expanded: its anchor is unknown, or the alias sits inside it (a cycle). */
function aliasProblem(doc: Document.Parsed, alias: Alias): string | undefined {
  const target = alias.resolve(doc) as Node | undefined;
  if (!target) return `unknown alias "*${alias.source}": no anchor &${alias.source} before it`;
  const [start, , end] = target.range ?? [0, 0, 0];
  const at = alias.range?.[0] ?? -1;
  // Nodes are contiguous in the text: an alias inside its anchor's range is a descendant of it.
  if (at >= start && at < end) return `recursive alias "*${alias.source}": it is inside the value anchored as &${alias.source}`;
  return undefined;
}

function makeLocator(doc: Document.Parsed, root: Node, posAt: (offset: number) => SourcePos): Locator {
  const resolve = (node: unknown): unknown => {
    // Alias chains are short in valid documents; bound the loop anyway.
    for (let i = 0; i < 10 && isAlias(node); i++) node = node.resolve(doc);
    return node;
  };
  const findPair = (map: YAMLMap, key: string, depth = 0): Pair | undefined => {
    for (let i = map.items.length - 1; i >= 0; i--) {
      if (keyText(map.items[i]) === key) return map.items[i];
    }
    if (depth > 5) return undefined;
    // YAML 1.1 merge keys: `<<: *base` or `<<: [*a, *b]`.
    for (const pair of map.items) {
      if (keyText(pair) !== '<<') continue;
      const src = resolve(pair.value);
      const sources = isSeq(src) ? src.items.map(resolve) : [src];
      for (const s of sources) {
        if (isMap(s)) {
          const found = findPair(s, key, depth + 1);
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  const start = (node: unknown): number | undefined => (node as Node | null)?.range?.[0];

  const walk = (path: FieldPath, wantKey: boolean): SourcePos => {
    let node: unknown = resolve(root);
    let best = start(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      let next: unknown;
      if (isMap(node)) {
        const pair = findPair(node, String(seg));
        if (!pair) break;
        if (i === path.length - 1 && wantKey) return posAt(start(pair.key) ?? best);
        // An empty value (`podSelector:`) has no useful range: point at its key.
        next = pair.value ?? null;
        const vstart = start(next);
        best = vstart !== undefined && !(isScalar(next) && next.value === null) ? vstart : (start(pair.key) ?? best);
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
        if (next === undefined) break;
        best = start(next) ?? best;
      } else break;
      node = resolve(next);
    }
    return posAt(best);
  };
  return { value: (path) => walk(path, false), key: (path) => walk(path, true) };
}
