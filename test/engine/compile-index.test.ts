// The engine's compile caches (label index, selector keys, ipBlock sets) never let two
// different selectors or blocks share an answer, and give one answer for one meaning
// however the selector is written.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine/engine.js';
import { cluster, pod, policy, rule, sel } from './build.js';
import type { LabelSelector } from '../../src/core/policy.js';

const pods = [
  pod('a/web-1', '10.0.0.1', { app: 'web', tier: 'front' }),
  pod('a/web-2', '10.0.0.2', { app: 'web' }),
  pod('a/api', '10.0.1.1', { app: 'api', tier: 'back' }),
  pod('a/db', '10.0.2.1', { app: 'db', 'app,x': 'y' }),
  pod('a/bare', '10.0.3.1'),
  pod('b/web', 'fd00::5', { app: 'web' }),
];
const c = cluster(pods);

/** Pod ids selected by each selector, all compiled in one engine (so that caches are shared). */
function selections(selectors: LabelSelector[]): string[][] {
  const e = new Engine(c, selectors.map((s, i) => policy(`a/p${i}`, s, { ingress: [] })));
  return selectors.map((_, i) => e.selectedBy(i).map((k) => e.endpoints[k].id));
}

describe('selectors compiled by the label index', () => {
  it('answers each operator as the API reference says', () => {
    expect(
      selections([
        sel({ app: 'web' }),
        sel({}, [{ key: 'app', operator: 'In', values: ['web', 'api'] }]),
        sel({}, [{ key: 'app', operator: 'NotIn', values: ['web', 'api'] }]),
        sel({}, [{ key: 'tier', operator: 'Exists', values: [] }]),
        sel({}, [{ key: 'tier', operator: 'DoesNotExist', values: [] }]),
        sel({ app: 'web' }, [{ key: 'tier', operator: 'In', values: ['front'] }]),
        sel({ app: 'nope' }),
        sel(),
      ]),
    ).toEqual([
      ['a/web-1', 'a/web-2'],
      ['a/web-1', 'a/web-2', 'a/api'],
      ['a/db', 'a/bare'],
      ['a/web-1', 'a/api'],
      ['a/web-2', 'a/db', 'a/bare'],
      ['a/web-1'],
      [],
      ['a/web-1', 'a/web-2', 'a/api', 'a/db', 'a/bare'],
    ]);
  });

  it('gives one answer however the values are ordered or repeated', () => {
    const [x, y, z] = selections([
      sel({}, [{ key: 'app', operator: 'In', values: ['api', 'web'] }, { key: 'tier', operator: 'Exists', values: [] }]),
      sel({}, [{ key: 'tier', operator: 'Exists', values: [] }, { key: 'app', operator: 'In', values: ['web', 'api', 'web'] }]),
      sel({}, [{ key: 'app', operator: 'NotIn', values: ['api', 'web'] }, { key: 'tier', operator: 'Exists', values: [] }]),
    ]);
    expect(x).toEqual(['a/web-1', 'a/api']);
    expect(y).toEqual(x);
    expect(z).toEqual([]);
  });

  it('keeps apart selectors whose texts could run together', () => {
    // "app,x=y" as one key against app with the value "x=y": different pods.
    expect(selections([sel({ 'app,x': 'y' }), sel({}, [{ key: 'app', operator: 'In', values: ['x=y'] }])])).toEqual([['a/db'], []]);
  });
});

describe('ipBlock sets', () => {
  const hosts = [
    { name: 'mapped', ip: '::ffff:10.0.0.9', ports: [] },
    { name: 'outside', ip: '192.168.1.1', ports: [] },
  ];
  const withHosts = cluster(pods, {}, hosts);
  // Sources admitted to `dst` (itself left out: loopback is always allowed). A connection has
  // the destination's family, so an IPv6 block is seen on connections to an IPv6 pod.
  const admitted = (cidr: string, except: string[], dst = 'a/api'): string[] => {
    const e = new Engine(withHosts, [policy('a/p', sel(), { ingress: [rule([{ ipBlock: { cidr, except } }])] }), policy('b/p', sel(), { ingress: [rule([{ ipBlock: { cidr, except } }])] })]);
    const to = e.indexOf(dst);
    return e.endpoints.filter((_, i) => i !== to && e.allowed(i, to, { port: 80, protocol: 'TCP' })).map((x) => x.id);
  };

  it('matches IPv4, IPv4-mapped IPv6 and IPv6 addresses by family, with excepts', () => {
    expect(admitted('10.0.0.0/16', [])).toEqual(['a/web-1', 'a/web-2', 'a/db', 'a/bare', 'mapped']);
    expect(admitted('10.0.0.0/16', ['10.0.0.0/24'])).toEqual(['a/db', 'a/bare']);
    expect(admitted('0.0.0.0/0', ['10.0.0.0/8'])).toEqual(['outside']);
    expect(admitted('fd00::/8', [])).toEqual([]);
    expect(admitted('fd00::/8', [], 'b/web')).toEqual([]);
    expect(admitted('::/0', [], 'b/web')).toEqual([]);
    expect(admitted('0.0.0.0/0', [], 'b/web')).toEqual([]);
    expect(admitted('::ffff:10.0.0.0/120', [])).toEqual(['a/web-1', 'a/web-2', 'mapped']);
    expect(admitted('10.0.0.1/32', [])).toEqual(['a/web-1']);
  });

  it('does not share a set between blocks that differ only in their excepts', () => {
    const e = new Engine(withHosts, [
      policy('a/p', sel({ app: 'api' }), { ingress: [rule([{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/24'] } }])] }),
      policy('a/q', sel({ app: 'db' }), { ingress: [rule([{ ipBlock: { cidr: '10.0.0.0/16', except: [] } }])] }),
    ]);
    const probe = { port: 80, protocol: 'TCP' } as const;
    expect(e.allowed(e.indexOf('a/web-1'), e.indexOf('a/api'), probe)).toBe(false);
    expect(e.allowed(e.indexOf('a/web-1'), e.indexOf('a/db'), probe)).toBe(true);
  });
});

describe('whole rows', () => {
  it('transpose32 moves bit c of word r to bit r of word c', async () => {
    const { transpose32 } = await import('../../src/core/engine/bitset.js');
    const { seededRandom } = await import('../../src/core/training/exam-plan.js');
    const r = seededRandom(3);
    for (let t = 0; t < 50; t++) {
      const a = Uint32Array.from({ length: 32 }, () => Math.floor(r() * 2 ** 32));
      const b = a.slice();
      transpose32(b);
      for (let row = 0; row < 32; row++) for (let c = 0; c < 32; c++) expect((b[c] >>> row) & 1).toBe((a[row] >>> c) & 1);
    }
  });

  it('rowsForProbe answers every cell as forProbe does, across 32-bit word edges', () => {
    const many = Array.from({ length: 70 }, (_, i) => pod(`${i % 3 ? 'a' : 'b'}/p${i}`, `10.0.${i >> 6}.${i & 63}`, { app: i % 4 ? 'web' : 'db', tier: String(i % 5) }));
    const c70 = cluster(many);
    const e = new Engine(c70, [
      policy('a/deny-db', sel({ app: 'db' }), { ingress: [rule([{ podSelector: sel({ tier: '1' }) }])] }),
      policy('a/web-out', sel({ app: 'web' }), { egress: [rule([{ ipBlock: { cidr: '10.0.0.0/27', except: [] } }])] }),
      policy('b/all-in', sel(), { ingress: [rule([{ namespaceSelector: sel() }])] }),
    ]);
    const probe = { port: 80, protocol: 'TCP' } as const;
    const cell = e.forProbe(probe);
    const rowOf = e.rowsForProbe(probe);
    for (let a = 0; a < many.length; a++) {
      const row = rowOf(a);
      for (let b = 0; b < many.length; b++) expect(row.has(b), `${a} -> ${b}`).toBe(cell(a, b));
    }
  });
});
