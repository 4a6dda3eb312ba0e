// The floor for `matrix -o json`: what no implementation can go below on this machine. It
// starts node, reads the manifests, parses them with the same `yaml` package (YAML 1.1, every
// document to plain objects), and writes the very bytes `matrix` writes, from pre-encoded
// pieces in 64 KB buffers with back-pressure. It evaluates nothing: the answers come from a
// bitmap made beforehand (bench.ts `answers`), one bit per ordered pair and probe.
// Usage: node scripts/bench-floor.mjs MANIFESTS ANSWERS PORT/PROTO... > out.json
import { readFileSync } from 'node:fs';

// The bundle reads yaml's per-token debug switches as unset (scripts/yaml-debug-env.mjs); the
// floor gets the same by a plain copy of the environment, so that getenv() is never called.
Object.defineProperty(process, 'env', { value: { ...process.env }, configurable: true, writable: true });
const { parseAllDocuments } = await import('yaml');

const [file, answersFile, ...probes] = process.argv.slice(2);
const ids = [];
for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' })) {
  const o = doc.toJS();
  if (o && o.kind === 'Pod') ids.push(JSON.stringify(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`));
}
const answers = readFileSync(answersFile);
const n = ids.length;

const SIZE = 64 * 1024;
let buf = Buffer.allocUnsafe(SIZE);
let pos = 0;
const out = process.stdout;
async function flush() {
  const more = out.write(buf.subarray(0, pos));
  pos = 0;
  // As matrix's writer: the buffer is filled again once the descriptor took it.
  if (out.writableLength !== 0) buf = Buffer.allocUnsafe(SIZE);
  if (!more) await new Promise((resolve) => out.once('drain', resolve));
}
async function put(bytes) {
  if (pos + bytes.length > SIZE) await flush();
  if (bytes.length > SIZE) return void out.write(bytes);
  buf.set(bytes, pos);
  pos += bytes.length;
}

await put(Buffer.from(`{"pods":[${ids.join(',')}],"probes":[${probes.map((p) => JSON.stringify(p)).join(',')}],"results":[`));
const heads = ids.map((id) => Buffer.from(`,{"from":${id},"to":`));
let first = true;
for (let p = 0; p < probes.length; p++) {
  const [port, protocol] = probes[p].split('/');
  const tail = `,"port":${port},"protocol":"${protocol}","allowed":`;
  const yes = ids.map((id) => Buffer.from(`${id}${tail}true}`));
  const no = ids.map((id) => Buffer.from(`${id}${tail}false}`));
  for (let a = 0; a < n; a++) {
    const head = heads[a];
    const base = (p * n + a) * n;
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const bit = base + b;
      const col = answers[bit >>> 3] & (1 << (bit & 7)) ? yes[b] : no[b];
      if (pos + head.length + col.length > SIZE) await flush();
      const h = first ? head.subarray(1) : head;
      buf.set(h, pos);
      pos += h.length;
      buf.set(col, pos);
      pos += col.length;
      first = false;
    }
  }
}
await put(Buffer.from(']}\n'));
await flush();
