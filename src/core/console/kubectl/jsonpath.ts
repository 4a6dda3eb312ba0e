// The part of kubectl's -o jsonpath people use at an exam prompt: {.a.b}, [*], [N],
// ['key.with.dots'], key\.with\.dots, {range .items[*]}...{end} and quoted literals such as {"\n"}.

type Value = unknown;

function walk(values: Value[], path: string): Value[] {
  let cur = values;
  // A name may hold '/' and escaped dots: .metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration.
  const re = /\.((?:[A-Za-z0-9_/-]|\\\.)+)|\[\*\]|\[(\d+)\]|\['([^']*)'\]|\.\*/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(path))) {
    if (m.index !== consumed) throw new Error(`unrecognized identifier ${path.slice(consumed)}`);
    consumed = re.lastIndex;
    const next: Value[] = [];
    for (const v of cur) {
      if (m[0] === '[*]' || m[0] === '.*') {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.values(v as object));
      } else if (m[2] !== undefined) {
        if (Array.isArray(v) && Number(m[2]) < v.length) next.push(v[Number(m[2])]);
      } else {
        const key = m[1] !== undefined ? m[1].replace(/\\\./g, '.') : m[3];
        if (v && typeof v === 'object' && !Array.isArray(v) && key in (v as object)) next.push((v as Record<string, Value>)[key]);
      }
    }
    cur = next;
  }
  if (consumed !== path.length) throw new Error(`unrecognized identifier ${path.slice(consumed)}`);
  return cur;
}

/** The values a relaxed path (.metadata.name, {.spec.ports[*].port}) selects in one object. */
export function jsonpathValues(path: string, root: Value): Value[] {
  const p = path.trim().replace(/^\{(.*)\}$/s, '$1').replace(/^[@$]/, '');
  return walk([root], p === '' || p === '.' ? '' : p.startsWith('.') || p.startsWith('[') ? p : `.${p}`);
}

function show(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Evaluates a template against one object; throws an Error whose message kubectl would print. */
export function jsonpath(template: string, root: Value): string {
  const t = template.replace(/^'(.*)'$/s, '$1');
  const tokens: { kind: 'text' | 'expr'; text: string }[] = [];
  let i = 0;
  while (i < t.length) {
    const open = t.indexOf('{', i);
    if (open < 0) {
      tokens.push({ kind: 'text', text: t.slice(i) });
      break;
    }
    if (open > i) tokens.push({ kind: 'text', text: t.slice(i, open) });
    const close = t.indexOf('}', open);
    if (close < 0) throw new Error('unclosed action');
    tokens.push({ kind: 'expr', text: t.slice(open + 1, close).trim() });
    i = close + 1;
  }
  const run = (toks: typeof tokens, ctx: Value): string => {
    let out = '';
    for (let k = 0; k < toks.length; k++) {
      const tok = toks[k];
      if (tok.kind === 'text') {
        out += tok.text;
        continue;
      }
      const e = tok.text;
      const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(e);
      if (lit) {
        out += lit[1].replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        continue;
      }
      const range = /^range\s+(.*)$/.exec(e);
      if (range) {
        let depth = 1;
        let end = k + 1;
        for (; end < toks.length; end++) {
          if (toks[end].kind === 'expr' && /^range\s/.test(toks[end].text)) depth++;
          if (toks[end].kind === 'expr' && toks[end].text === 'end') depth--;
          if (depth === 0) break;
        }
        if (depth !== 0) throw new Error('not in range, nothing to end');
        const body = toks.slice(k + 1, end);
        for (const item of walk([ctx], range[1].replace(/^@/, '').replace(/^\$/, ''))) out += run(body, item);
        k = end;
        continue;
      }
      if (e === 'end') throw new Error('not in range, nothing to end');
      const path = e === '@' || e === '.' ? '' : e.replace(/^@/, '').replace(/^\$/, '');
      out += walk([ctx], path).map(show).join(' ');
    }
    return out;
  };
  return run(tokens, root);
}
