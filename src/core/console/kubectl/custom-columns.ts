// kubectl get -o custom-columns=HEADER:PATH,...: kubectl's customcolumn.go. Each path is a
// relaxed JSONPath (".metadata.name", "metadata.name", "{.metadata.name}"); a column with no
// value prints <none>, several values are joined with commas, and values print as Go's %v
// prints decoded JSON (map[k:v], [a b]).
import { GET_TABLE, tabwrite } from '../tabwriter.js';
import { jsonpathValues } from './jsonpath.js';

/** Go's fmt %v for a value decoded from JSON into interface{}. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** The columns of a spec, or kubectl's error for a malformed one. */
export function parseCustomColumns(spec: string): { header: string; path: string }[] | string {
  if (spec.length === 0) return 'custom-columns format specified but no custom columns given';
  const out: { header: string; path: string }[] = [];
  for (const part of spec.split(',')) {
    // strings.SplitN(part, ":", 2): the path may hold colons itself.
    const at = part.indexOf(':');
    if (at < 0) return `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`;
    const path = part.slice(at + 1);
    if (path !== '' && !/^\{\.?[^{}]+\}$|^\.?[^{}]+$/.test(path)) return "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
    out.push({ header: part.slice(0, at), path });
  }
  return out;
}

export function customColumns(columns: { header: string; path: string }[], objects: unknown[], noHeaders: boolean): string[] {
  const rows = objects.map((o) =>
    columns.map((c) => {
      const values = jsonpathValues(c.path, o);
      return values.length === 0 ? '<none>' : values.map(goValue).join(',');
    }),
  );
  const all = noHeaders ? rows : [columns.map((c) => c.header), ...rows];
  return tabwrite(all.map((r) => r.join('\t')).join('\n'), GET_TABLE);
}
