// Real `kubectl get` dumps (test/fixtures/real-dumps) through the CLI: one dual-stack
// `get all,netpol -A` dump as YAML, as `-o json`, as `jq '.items[]'` output, with CRLF and a
// BOM, and from stdin, must give one matrix; `why` judges a dual-stack pod's IPv6 address as
// IPv6; an IPv6-only cluster; an old cluster with CRDs. Verdicts are worked out from the
// NetworkPolicy docs (a connection has one family; ipBlocks match addresses of that family;
// hostNetwork pods are never selected), not copied from output.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const dir = path.resolve(__dirname, '../fixtures/real-dumps');
const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

async function run(argv: string[], stdin?: string) {
  const io = captureIo({ cwd: dir, stdin });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

interface Matrix {
  pods: string[];
  results: { from: string; to: string; port: number; protocol: string; allowed: boolean }[];
}

const WEB = 'shop/web-7c9f8b6d5-abcde';
const CLIENT = 'shop/client';
const TERM = 'shop/terminating-web';
const DB = 'shop/db-0';
const NODE = 'monitoring/node-exporter-abcde';

/** Cells of the dual-stack dump in its primary family (IPv4), from the two policies by hand. */
const EXPECTED_CELLS: [string, string, string, boolean][] = [
  // web-in admits app=client on the port named http (8080 on both web pods), nothing else.
  [CLIENT, WEB, '8080/TCP', true],
  [CLIENT, TERM, '8080/TCP', true],
  [CLIENT, WEB, '9090/TCP', false],
  [DB, WEB, '8080/TCP', false], // db-0 is no client; its IPv4 is in no IPv6 block
  [NODE, WEB, '8080/TCP', false], // hostNetwork: matched by no podSelector
  // db-in admits only fd00:10:244:1::6/128: no IPv4 connection gets in.
  [CLIENT, DB, '5432/TCP', false],
  [CLIENT, DB, '9999/SCTP', false],
  // client and the hostNetwork pod are isolated by nothing.
  [WEB, CLIENT, '8080/TCP', true],
  [DB, NODE, '9100/TCP', true],
  [WEB, NODE, '9100/TCP', true],
];

const DUMP_WARNINGS = (file: string, kinds: string, pending: string) => [
  `${file}:${kinds}: warning: skipped 2 objects of kinds netpol-dojo does not read: CronJob (1), HorizontalPodAutoscaler (1)`,
  `${file}:${pending}: warning: status.phase: pod shop/pending-pod is Pending without an IP: not running yet, so it is left out (nothing can reach it)`,
  'netpol-dojo: left out 2 pods that finished and hold no IP: shop/migrate-x7x7x (Succeeded), shop/crash (Failed)',
];

function checkDump(r: { code: number; out: string; err: string }, warnings: string[]) {
  expect(r.code).toBe(0);
  expect(r.err.trim().split('\n')).toEqual(warnings);
  const m = JSON.parse(r.out) as Matrix;
  // Running pods only: Pending without IP, Succeeded and Failed are out; the terminating pod still runs.
  expect(m.pods).toEqual([WEB, CLIENT, TERM, DB, NODE]);
  const cell = new Map(m.results.map((x) => [`${x.from} ${x.to} ${x.port}/${x.protocol}`, x.allowed]));
  for (const [from, to, probe, allowed] of EXPECTED_CELLS) expect(cell.get(`${from} ${to} ${probe}`), `${from} -> ${to} ${probe}`).toBe(allowed);
  return m;
}

describe('kubectl get all,netpol -A, dual-stack', () => {
  const probes = ['-p', '8080', '-p', '9090', '-p', '5432', '-p', '9999/SCTP', '-p', '9100'];

  it('-o yaml: the hand-worked cells and exactly the warnings, located', async () => {
    checkDump(await run(['matrix', '-f', 'get-all-dualstack.yaml', '-o', 'json', ...probes]), DUMP_WARNINGS('get-all-dualstack.yaml', '472:9', '176:3'));
  });

  it('-o json, jq .items[] (a stream of objects), CRLF with a BOM and stdin give the same matrix', async () => {
    const yaml = await run(['matrix', '-f', 'get-all-dualstack.yaml', '-o', 'json', ...probes]);
    const json = await run(['matrix', '-f', 'get-all-dualstack.json', '-o', 'json', ...probes]);
    expect(json.out).toBe(yaml.out);
    checkDump(json, DUMP_WARNINGS('get-all-dualstack.json', '731:21', '266:9'));
    const stream = await run(['matrix', '-f', 'jq-items-stream.json', '-o', 'json', ...probes]);
    expect(stream.out).toBe(yaml.out);
    checkDump(stream, DUMP_WARNINGS('jq-items-stream.json', '728:11', '263:1'));
    // CRLF keeps every line number; the BOM is dropped before column 1.
    const crlf = await run(['matrix', '-f', '-', '-o', 'json', ...probes], `\uFEFF${read('get-all-dualstack.yaml').replace(/\n/g, '\r\n')}`);
    expect(crlf.out).toBe(yaml.out);
    checkDump(crlf, DUMP_WARNINGS('<stdin>', '472:9', '176:3'));
  });

  it('why with the IPv6 addresses of two dual-stack pods judges an IPv6 connection (was judged as IPv4: denied)', async () => {
    const r = await run(['why', '-f', 'get-all-dualstack.yaml', 'fd00:10:244:1::6', 'fd00:10:244:2::7', '5432', '--exit-code']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'the connection is IPv6, the family of fd00:10:244:2::7, not that of the primary IP (shop/db-0: 10.244.2.7): ipBlocks match each end by its IPv6 address (shop/client fd00:10:244:1::6, shop/db-0 fd00:10:244:2::7)',
      'shop/client -> shop/db-0 on 5432/TCP: ALLOWED',
      '  egress at shop/client: not isolated (no Egress policy selects it), allowed',
      '  ingress at shop/db-0: isolated for ingress by shop/db-in; admitted by shop/db-in ingress[0] (from[0]: IPs in fd00:10:244:1::6/128; 5432/TCP)',
      '',
    ]);
  });

  it('the same pods by name (IPv4, the primary family) are denied: the /128 is IPv6', async () => {
    const r = await run(['why', '-f', 'get-all-dualstack.yaml', 'client', 'db-0', '5432', '--exit-code']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('shop/client -> shop/db-0 on 5432/TCP: DENIED');
  });

  it('one IPv6 end is enough: a pod name to an IPv6 address, or an IPv6 address to a pod name', async () => {
    for (const [from, to] of [
      ['client', 'fd00:10:244:2::7'],
      ['fd00:10:244:1::6', 'shop/db-0'],
    ]) {
      const r = await run(['why', '-f', 'get-all-dualstack.yaml', from, to, '9999/SCTP', '-o', 'json']);
      expect(r.code).toBe(0);
      const body = JSON.parse(r.out) as { verdicts: { from: string; to: string; allowed: boolean }[]; notes: string[] };
      expect(body.verdicts.map((v) => [v.from, v.to, v.allowed])).toEqual([[CLIENT, DB, true]]);
      expect(body.notes).toHaveLength(1);
    }
  });

  it('without a port: the IPv6 connection set of db-in (5432/TCP, SCTP 9000-9999)', async () => {
    const r = await run(['why', '-f', 'get-all-dualstack.yaml', 'fd00:10:244:1::6', 'fd00:10:244:2::7']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe('shop/client -> shop/db-0: allowed TCP 5432; SCTP 9000-9999');
  });

  it('an outside IPv6 host: inside the /48 and outside its except it is admitted; inside the except it is not', async () => {
    const inside = await run(['why', '-f', 'get-all-dualstack.yaml', 'fd00:10:244:5::1', WEB, '8080']);
    expect(inside.out.split('\n')[1]).toBe(`fd00:10:244:5::1 -> ${WEB} on 8080/TCP: ALLOWED`);
    const except = await run(['why', '-f', 'get-all-dualstack.yaml', 'fd00:10:244:2::1', WEB, '8080']);
    expect(except.out.split('\n')[1]).toBe(`fd00:10:244:2::1 -> ${WEB} on 8080/TCP: DENIED`);
  });

  it('families must agree, and a pod without an address of the family takes no part', async () => {
    const mixed = await run(['why', '-f', 'get-all-dualstack.yaml', '10.244.1.6', 'fd00:10:244:2::7', '5432']);
    expect(mixed.code).toBe(2);
    expect(mixed.err.trim().split('\n').at(-1)).toBe('netpol-dojo: 10.244.1.6 is an IPv4 address and fd00:10:244:2::7 an IPv6 one: a connection has one address family');
    const single = await run(['why', '-f', 'get-all-dualstack.yaml', 'terminating-web', 'fd00:10:244:2::7', '5432']);
    expect(single.code).toBe(2);
    expect(single.err.trim().split('\n').at(-1)).toBe('netpol-dojo: shop/terminating-web has no IPv6 address (its IPs: 10.244.1.9), so it takes no part in an IPv6 connection');
  });

  it("a Service's IPv6 ClusterIP (spec.clusterIPs) is the Service, reaching only its backends with an IPv6 address", async () => {
    const r = await run(['why', '-f', 'get-all-dualstack.yaml', 'client', 'fd00:10:96::1234', '80', '-o', 'json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { verdicts: { to: string; probe: { port: number }; allowed: boolean }[]; notes: string[] };
    // terminating-web is IPv4 only: no IPv6 endpoint of the Service.
    expect(body.verdicts.map((v) => [v.to, v.probe.port, v.allowed])).toEqual([[WEB, 8080, true]]);
    expect(body.notes[0]).toMatch(/^fd00:10:96::1234 is the ClusterIP of Service shop\/web: kube-proxy DNATs/);
    expect(body.notes[0]).toMatch(/; shop\/terminating-web has no IPv6 address, so it is no endpoint of this IPv6 connection$/);
  });

  it("a LoadBalancer's ingress IP is its backends on the targetPort (kube-proxy DNATs it like the ClusterIP)", async () => {
    const r = await run(['why', '-f', 'get-all-dualstack.yaml', 'client', '203.0.113.10', '443', '--exit-code']);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^203\.0\.113\.10 is an external IP of Service shop\/lb \(spec\.externalIPs or its load balancer's\): kube-proxy DNATs/);
    // web-in admits 8080 (http) only: 8443 is not listed.
    expect(lines.filter((l) => l.startsWith('shop/client ->'))).toEqual([`shop/client -> ${WEB} on 8443/TCP: DENIED`, `shop/client -> ${TERM} on 8443/TCP: DENIED`]);
  });

  it('matrix --external with a load balancer IP is refused as a fake outside host, and explain and diff read the dump', async () => {
    const m = await run(['matrix', '-f', 'get-all-dualstack.yaml', '-e', '203.0.113.10', '-p', '80']);
    expect(m.err).toContain(
      `netpol-dojo: --external 203.0.113.10: it is an external IP (spec.externalIPs or its load balancer's) of Service shop/lb: kube-proxy DNATs its traffic to a backend pod before policies apply, so the rows and columns of its backends (${WEB}, ${TERM}) show it; not added as an outside host`,
    );
    const e = await run(['explain', '-f', 'get-all-dualstack.yaml', '-o', 'json']);
    expect(e.code).toBe(0);
    expect((JSON.parse(e.out) as { policy: string }[]).map((p) => p.policy)).toEqual(['shop/web-in', 'shop/db-in']);
    const d = await run(['diff', '-f', 'get-all-dualstack.yaml', '--against', 'get-all-dualstack.json']);
    expect(d.code).toBe(0);
    expect(d.out).toBe('no change: every connection is the same\n');
  });
});

describe('an IPv6-only cluster', () => {
  it('matrix: named port https from the unlabelled namespace (kubernetes.io/metadata.name assumed), ipBlock except, egress UDP 53 only', async () => {
    const r = await run(['matrix', '-f', 'ipv6-only.yaml', '-o', 'json', '-p', '8443', '-p', '53/UDP', '-e', '2001:db8::1', '-e', '2001:db8:bad::1']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('ipv6-only.yaml:38:1: warning: status.phase: pod app/pending-v6 is Pending without an IP: not running yet, so it is left out (nothing can reach it)\n');
    const m = JSON.parse(r.out) as Matrix;
    expect(m.pods).toEqual(['app/api-0', 'legacy/old-client', '2001:db8::1', '2001:db8:bad::1']);
    const cell = new Map(m.results.map((x) => [`${x.from} ${x.to} ${x.port}/${x.protocol}`, x.allowed]));
    const expected: [string, string, string, boolean][] = [
      ['legacy/old-client', 'app/api-0', '8443/TCP', true], // ingress[0]: namespace legacy, port https
      ['legacy/old-client', 'app/api-0', '53/UDP', false], // not https; fd00:10:244::b is not in 2001:db8::/32
      ['2001:db8::1', 'app/api-0', '53/UDP', true], // ingress[1]: any port
      ['2001:db8:bad::1', 'app/api-0', '8443/TCP', false], // in the except
      ['app/api-0', 'legacy/old-client', '53/UDP', true], // egress ::/0 on UDP 53
      ['app/api-0', 'legacy/old-client', '8443/TCP', false],
      ['app/api-0', '2001:db8::1', '8443/TCP', false],
    ];
    for (const [from, to, probe, allowed] of expected) expect(cell.get(`${from} ${to} ${probe}`), `${from} -> ${to} ${probe}`).toBe(allowed);
  });

  it('why: an IPv4 host cannot take part in a connection with an IPv6-only pod', async () => {
    const r = await run(['why', '-f', 'ipv6-only.yaml', '10.1.1.1', 'api-0', '53/UDP']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').at(-1)).toBe('netpol-dojo: app/api-0 has no IPv4 address (its IPs: fd00:10:244::a), so it takes no part in an IPv4 connection');
    const ok = await run(['why', '-f', 'ipv6-only.yaml', '2001:db8::7', 'api-0', '53/UDP', '--exit-code']);
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n')[0]).toBe('2001:db8::7 -> app/api-0 on 53/UDP: ALLOWED');
  });
});

describe('an old cluster with CRDs, Endpoints, a ReplicationController', () => {
  it('other policy APIs are skipped with one warning per kind; the rest in one summary line; exit 0', async () => {
    const r = await run(['matrix', '-f', 'legacy-and-crds.yaml', '-o', 'json', '-p', '80']);
    expect(r.code).toBe(0);
    const tail = 'policies also filter traffic, and netpol-dojo does not model them, so the cluster may allow or deny differently from what is shown here';
    expect(r.err.trim().split('\n')).toEqual([
      `legacy-and-crds.yaml:177:9: warning: kind: skipped 1 GlobalNetworkPolicy object (projectcalico.org/v3): Calico ${tail}`,
      `legacy-and-crds.yaml:185:9: warning: kind: skipped 1 CiliumClusterwideNetworkPolicy object (cilium.io/v2): Cilium ${tail}`,
      `legacy-and-crds.yaml:189:9: warning: kind: skipped 1 CiliumNetworkPolicy object (cilium.io/v2): Cilium ${tail}`,
      'legacy-and-crds.yaml:35:9: warning: skipped 5 objects of kinds netpol-dojo does not read: EndpointSlice (1), Endpoints (1), GlobalNetworkSet (1), ReplicationController (1), Rollout (1)',
    ]);
    // Pods owned by a ReplicationController and a VirtualMachineInstance stay bare pods; the Job's pod is made up.
    expect((JSON.parse(r.out) as Matrix).pods).toEqual(['old/legacy-rc-x8k2m', 'old/rollout-6d4f9c8b7-q2w3e', 'old/vm-launcher-abcde', expect.stringMatching(/^old\/once-[a-z0-9]{5}$/)]);
  });

  it('a spec.externalIPs address is the Service: why judges its backend', async () => {
    const r = await run(['why', '-f', 'legacy-and-crds.yaml', 'vm-launcher-abcde', '198.51.100.7', '80']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(1, 2)).toEqual(['old/vm-launcher-abcde -> old/legacy-rc-x8k2m on 80/TCP: ALLOWED']);
  });
});
