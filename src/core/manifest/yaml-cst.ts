// The fast path for block YAML (`kubectl get -o yaml`): plain data straight from the yaml
// package's own lexer and parser (its CST), with its own scalar resolution (CST.resolveAsScalar
// and the schema's tags), skipping the composed Document nodes the full path builds and walks
// three times. It takes only what it can read exactly as the full path does: plain, quoted and
// block scalars, block maps and sequences, one-line flow collections, comments. Anything else
// (anchors, aliases, tags, merge keys, explicit keys, tabs, directives, duplicate keys, odd
// indentation, any error) returns undefined and the full parser decides, with its positions.
import { CST, Parser, isScalar } from 'yaml';
import type { LineCounter, Schema } from 'yaml';

type Token = CST.Token;
type SourceToken = CST.SourceToken;

/** Thrown inside the walk when the full parser must decide. */
class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: object) => unknown;
}

/** Where a built map's keys and values are, or a sequence's elements (undefined: ask the full parse). */
type Place = { keys: Map<string, { key: number; value: number | undefined }> } | { items: (number | undefined)[] };

export interface CstDocument {
  /** 0-based position of the document in its file (empty documents count). */
  index: number;
  data: unknown;
  /** Offset of the document's content. */
  start: number;
  /** Offsets of the elements of the root's `items` sequence (a List), when every one has a value. */
  items?: number[];
  /** The positions of every map and sequence built, for the locator. */
  places: WeakMap<object, Place>;
}

/** The value offsets of a block map's `items:` sequence elements. */
function itemOffsets(root: Token | undefined): number[] | undefined {
  if (!root || root.type !== 'block-map') return undefined;
  const pair = root.items.find((it) => it.key && (it.key as { source?: string }).source === 'items');
  const seq = pair?.value;
  if (!seq || seq.type !== 'block-seq') return undefined;
  const out: number[] = [];
  for (const it of seq.items) {
    if (!it.value) return undefined;
    out.push(it.value.offset);
  }
  return out;
}

const SEP_OK = new Set(['space', 'comment', 'newline']);

export function parseBlockYaml(text: string, schema: Schema, lines: LineCounter, maxNesting: number): CstDocument[] | undefined {
  // Tabs (indentation rules), a byte-order mark, directives and node properties: the long way.
  if (/[\t\uFEFF]/.test(text) || /(^|\n)%/.test(text)) return undefined;
  const tags = schema.tags as unknown as ScalarTag[];
  const noOptions = {};

  const column = (offset: number): number => offset - text.lastIndexOf('\n', offset - 1) - 1;
  const checkSource = (tokens: readonly SourceToken[] | undefined, allowed: ReadonlySet<string>): void => {
    if (tokens) for (const t of tokens) if (!allowed.has(t.type)) unsure();
  };

  const scalarText = (token: Token): { value: string; plain: boolean } => {
    if (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar' && token.type !== 'block-scalar') return unsure();
    if (token.type === 'block-scalar') checkSource(token.props as SourceToken[], BLOCK_PROPS);
    else checkSource(token.end, SEP_OK);
    let failed = false;
    const r = CST.resolveAsScalar(token, true, () => (failed = true));
    if (!r || failed) return unsure();
    return { value: r.value, plain: token.type === 'scalar' };
  };

  const resolvePlain = (value: string): unknown => {
    const tag = tags.find((t) => t.default === true && t.test?.test(value));
    if (!tag) return value;
    let failed = false;
    const res = tag.resolve(value, () => (failed = true), noOptions);
    if (failed) return unsure();
    return isScalar(res) ? res.value : res;
  };

  const keyOf = (token: Token | null | undefined): string => {
    if (!token) return unsure();
    const { value, plain } = scalarText(token);
    if (token.type === 'block-scalar' || value.includes('\n') || (token as { source?: string }).source?.includes('\n')) return unsure();
    if (plain && value === '<<') return unsure();
    const k = plain ? resolvePlain(value) : value;
    const s = k === null ? '' : String(k);
    if (s === '__proto__') return unsure();
    return s;
  };

  let places = new WeakMap<object, Place>();
  /** A value's start offset as the full locator sees it: undefined for an empty or null scalar (it points at the key). */
  const valueStart = (token: Token | undefined, value: unknown): number | undefined =>
    token === undefined || (value === null && token.type === 'scalar') ? undefined : token.offset;

  const node = (token: Token | undefined, depth: number, inFlow = false): unknown => {
    if (depth > maxNesting) return unsure();
    if (!token) return null;
    // Block collections and block scalars never sit inside a flow collection.
    if (inFlow && (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'block-scalar')) return unsure();
    switch (token.type) {
      case 'scalar': {
        const { value } = scalarText(token);
        return resolvePlain(value);
      }
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return scalarText(token).value;
      case 'block-map': {
        const out: Record<string, unknown> = {};
        const seen = new Set<string>();
        const keys = new Map<string, { key: number; value: number | undefined }>();
        places.set(out, { keys });
        let col = -1;
        for (const item of token.items) {
          if (item.explicitKey || !('sep' in item) || !item.sep || item.key === undefined) return unsure();
          checkSource(item.start, SEP_OK);
          let values = 0;
          let newline = false;
          for (const t of item.sep) {
            if (t.type === 'map-value-ind') values++;
            else if (t.type === 'newline') newline = values > 0 || newline;
            else if (!SEP_OK.has(t.type)) return unsure();
          }
          if (values !== 1 || !item.key) return unsure();
          const keyToken = item.key as Token;
          const c = column(keyToken.offset);
          if (col === -1) col = c;
          else if (c !== col) return unsure();
          const sepOffset = item.sep[0]?.offset ?? keyToken.offset;
          if (sepOffset - keyToken.offset > 1000) return unsure();
          const key = keyOf(keyToken);
          if (seen.has(key)) return unsure();
          seen.add(key);
          const v = item.value;
          // A block collection as a value starts on a line of its own.
          if (v && (v.type === 'block-map' || v.type === 'block-seq') && !newline) return unsure();
          const value = node(v, depth + 1);
          out[key] = value;
          keys.set(key, { key: keyToken.offset, value: valueStart(v, value) });
        }
        return out;
      }
      case 'block-seq': {
        const out: unknown[] = [];
        const items: (number | undefined)[] = [];
        places.set(out, { items });
        let col = -1;
        for (const item of token.items) {
          if ('key' in item && item.key !== undefined) return unsure();
          if ('sep' in item && item.sep !== undefined) return unsure();
          let indicators = 0;
          for (const t of item.start) {
            if (t.type === 'seq-item-ind') {
              indicators++;
              const c = column(t.offset);
              if (col === -1) col = c;
              else if (c !== col) return unsure();
            } else if (!SEP_OK.has(t.type)) return unsure();
          }
          if (indicators !== 1) return unsure();
          // An item without a value (a bare `-`) is positioned by the full parse.
          items.push(item.value ? item.value.offset : undefined);
          out.push(node(item.value, depth + 1));
        }
        return out;
      }
      case 'flow-collection': {
        const end = token.end;
        const isMap = token.start.type === 'flow-map-start';
        if (!isMap && token.start.type !== 'flow-seq-start') return unsure();
        const closing = end.filter((t) => t.type !== 'space' && t.type !== 'comment' && t.type !== 'newline');
        if (closing.length !== 1 || closing[0].type !== (isMap ? 'flow-map-end' : 'flow-seq-end')) return unsure();
        // On one line, from the opening to the closing bracket.
        if (text.slice(token.offset, closing[0].offset).includes('\n')) return unsure();
        const seen = new Set<string>();
        const outMap: Record<string, unknown> = {};
        const outSeq: unknown[] = [];
        const keys = new Map<string, { key: number; value: number | undefined }>();
        const items: (number | undefined)[] = [];
        if (isMap) places.set(outMap, { keys });
        else places.set(outSeq, { items });
        token.items.forEach((item, i) => {
          let commas = 0;
          for (const t of item.start) {
            if (t.type === 'comma') commas++;
            else if (!SEP_OK.has(t.type)) unsure();
          }
          if (commas !== (i === 0 ? 0 : 1)) unsure();
          if ((item as { explicitKey?: boolean }).explicitKey) unsure();
          const hasSep = 'sep' in item && item.sep !== undefined;
          if (isMap) {
            // `{a: 1}`: key, sep with one ':', value; a bare `{a}` is the long way.
            if (!hasSep || !item.key) unsure();
            let values = 0;
            for (const t of item.sep!) {
              if (t.type === 'map-value-ind') values++;
              else if (!SEP_OK.has(t.type)) unsure();
            }
            if (values !== 1) unsure();
            const key = keyOf(item.key as Token);
            if (seen.has(key)) unsure();
            seen.add(key);
            const value = node(item.value, depth + 1, true);
            outMap[key] = value;
            keys.set(key, { key: (item.key as Token).offset, value: valueStart(item.value, value) });
          } else {
            if (hasSep || ('key' in item && item.key !== undefined) || !item.value) unsure();
            items.push(item.value!.offset);
            outSeq.push(node(item.value, depth + 1, true));
          }
        });
        // A trailing comma with nothing after it reads the same in both; keep it simple.
        if (token.items.length > 0 && end.some((t) => t.type === 'comma')) unsure();
        return isMap ? outMap : outSeq;
      }
      default:
        return unsure();
    }
  };

  const docs: CstDocument[] = [];
  let index = 0;
  try {
    for (const token of new Parser(lines.addNewLine).parse(text)) {
      switch (token.type) {
        case 'document': {
          let marker = false;
          let lineAfterMarker = false;
          for (const t of token.start) {
            if (t.type === 'doc-start') marker = true;
            else if (t.type === 'newline') lineAfterMarker = marker;
            else if (!SEP_OK.has(t.type)) return undefined;
          }
          const v = token.value;
          if (v && marker && !lineAfterMarker && (v.type === 'block-map' || v.type === 'block-seq')) return undefined;
          checkSource(token.end, DOC_END);
          const data = node(v, 0);
          if (data !== null && data !== undefined) {
            const items = itemOffsets(v);
            docs.push({ index, data, start: v!.offset, ...(items ? { items } : {}), places });
            places = new WeakMap();
          }
          index++;
          break;
        }
        case 'doc-end':
          checkSource(token.end, SEP_OK);
          break;
        case 'comment':
        case 'newline':
        case 'space':
          break;
        default:
          return undefined;
      }
    }
  } catch {
    // Unsure, or the parser itself gave up (a stack overflow on deep nesting): the full parse
    // meets the same text and reports it as it always has.
    return undefined;
  }
  return docs;
}

const BLOCK_PROPS = new Set(['block-scalar-header', 'space', 'comment', 'newline']);
const DOC_END = new Set(['doc-end', 'space', 'comment', 'newline']);

/**
 * The position a field path resolves to, walked over the built data and its places exactly as
 * the full locator walks the composed nodes (deepest existing ancestor; an empty value points
 * at its key); undefined when some place on the way is not known (then the full parse answers).
 */
export function locateIn(doc: CstDocument, path: readonly (string | number)[], wantKey: boolean): number | undefined {
  let node: unknown = doc.data;
  let best = doc.start;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof node !== 'object' || node === null) break;
    const place = doc.places.get(node);
    if (!place) return undefined;
    if ('keys' in place) {
      if (Array.isArray(node)) return undefined;
      const at = place.keys.get(String(seg));
      if (!at) break;
      if (i === path.length - 1 && wantKey) return at.key;
      best = at.value ?? at.key;
      node = (node as Record<string, unknown>)[String(seg)];
    } else {
      if (typeof seg !== 'number') break;
      if (seg < 0 || seg >= place.items.length || !Number.isInteger(seg)) break;
      const at = place.items[seg];
      if (at === undefined) return undefined;
      best = at;
      node = (node as unknown[])[seg];
    }
  }
  return best;
}
