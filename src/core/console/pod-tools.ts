// The tools a learner runs inside a pod (busybox's wget, nc, nslookup, plus curl), with the
// words and exit codes of the real programs. What happens on the wire comes from Network.
import type { Protocol } from '../model.js';
import type { CommandFn, CommandIo } from './shell-run.js';
import type { Network, Destination } from './network.js';
import { KUBE_DNS_IP } from './network.js';
import type { PodObject } from './objects.js';
import { httpAnswer } from './images.js';
import { parseIp } from '../ip.js';

export interface PodEnv {
  pod: PodObject;
  net: Network;
  /** Lets simulated time pass (a time-out, sleep): at once, or for real when the console says so. */
  wait(seconds: number): Promise<void>;
  /** Files the pod wrote (wget saves index.html). */
  files: Map<string, string>;
  /** The console's clock (ms), for log lines. */
  now(): number;
}

/** How long the kernel tries a TCP connect whose SYNs are dropped (net.ipv4.tcp_syn_retries=6). */
export const KERNEL_CONNECT_TIMEOUT = 127;
/** resolv.conf defaults: timeout 5 s, 2 attempts. */
export const RESOLVER_TIMEOUT = 10;

/** AAAA answers of the outside hosts (the cluster itself is IPv4 only). */
const IPV6: Record<string, string> = {
  'google.com': '2a00:1450:4001:82f::200e',
  'example.com': '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
};

const WELL_KNOWN_PORTS: Record<string, number> = { http: 80, https: 443, domain: 53, ssh: 22, mysql: 3306, postgresql: 5432 };

export function resolvConf(namespace: string): string {
  return `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${KUBE_DNS_IP}\noptions ndots:5\n`;
}

export function hostsFile(pod: PodObject): string {
  return (
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
    (pod.ip ? `${pod.ip}\t${pod.meta.name}\n` : '')
  );
}

export function podFile(env: PodEnv, path: string): string | undefined {
  const p = path.replace(/^\.\//, '');
  if (p === '/etc/resolv.conf') return resolvConf(env.pod.meta.namespace);
  if (p === '/etc/hostname') return `${env.pod.meta.name}\n`;
  if (p === '/etc/hosts') return hostsFile(env.pod);
  return env.files.get(p.startsWith('/') ? p : `/${p}`);
}

interface Url {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

function parseUrl(text: string): Url | null {
  const m = /^(?:([a-zA-Z]+):\/\/)?(\[[0-9a-fA-F:.]+\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(text);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return null;
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  return { scheme, host: m[2].replace(/^\[|\]$/g, ''), port, path: m[4] ?? '/' };
}

/** What a server answers to GET path. */
function httpExchange(to: Destination, url: Url): { status: number; reason: string; body: string } | null {
  if (to.kind === 'node') {
    if (to.port === 6443) return url.scheme === 'https' ? { status: 403, reason: 'Forbidden', body: '' } : { status: 400, reason: 'Bad Request', body: 'Client sent an HTTP request to an HTTPS server.\n' };
    return null;
  }
  if (to.kind === 'external') {
    const path = url.path.split(/[?#]/)[0];
    if (path !== '/' && path !== '/index.html') return { status: 404, reason: 'Not Found', body: '' };
    const title = to.host.name;
    return { status: 200, reason: 'OK', body: `<!doctype html>\n<html>\n<head><title>${title}</title></head>\n<body><h1>${title}</h1></body>\n</html>\n` };
  }
  const image = to.pod.containers[0]?.image ?? '';
  const a = httpAnswer(image, to.port);
  if (a.status === 0) return null;
  const path = url.path.split(/[?#]/)[0];
  if (a.status === 200 && path !== '/' && path !== '/index.html' && !/coredns/.test(image)) return { status: 404, reason: 'Not Found', body: '<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n' };
  return { status: a.status, reason: 'reason' in a ? a.reason : 'OK', body: 'body' in a ? a.body : '' };
}

/** nginx's access log line (its image logs to stdout, so kubectl logs shows it). */
function accessLog(env: PodEnv, to: Destination, url: Url, answer: { status: number; body: string } | null, agent: string): void {
  if (to.kind !== 'pod' || !answer || !/(^|\/)nginx(:|@|$)/.test(to.pod.containers[0]?.image ?? '')) return;
  const d = new Date(env.now());
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  const when = `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
  const bytes = answer.status === 200 ? Buffer.byteLength(answer.body) : 153;
  to.pod.logs += `${env.pod.hostNetwork ? env.pod.hostIP : env.pod.ip} - - [${when}] "GET ${url.path} HTTP/1.1" ${answer.status} ${bytes} "-" "${agent}" "-"\n`;
}

function num(v: string | undefined): number | null {
  if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) return null;
  return Number(v);
}

// ---- wget -----------------------------------------------------------------------------

const WGET_USAGE =
  'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n';

export function wget(env: PodEnv): CommandFn {
  return async (args: string[], io: CommandIo) => {
    let quiet = false;
    let output: string | undefined;
    let timeout: number | null = null;
    let spider = false;
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        urls.push(...args.slice(i + 1));
        break;
      }
      if (a.startsWith('--')) {
        const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
        const value = () => inline ?? args[++i];
        if (name === '--quiet') quiet = true;
        else if (name === '--spider') spider = true;
        else if (name === '--timeout') {
          const t = num(value());
          if (t === null) {
            io.err(WGET_USAGE);
            return 1;
          }
          timeout = t;
        } else if (name === '--output-document') output = value();
        else if (['--header', '--user-agent', '--post-data', '--tries', '--proxy', '--output-file', '--directory-prefix'].includes(name)) value();
        else if (['--no-check-certificate', '--continue', '--server-response', '--no-verbose'].includes(name)) {
          /* accepted, no effect here */
        } else {
          io.err(`wget: unrecognized option '${a}'\n${WGET_USAGE}`);
          return 1;
        }
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const ch = a[j];
          if (ch === 'q') quiet = true;
          else if (ch === 'c' || ch === 'S') continue;
          else if ('OTUPYot'.includes(ch)) {
            const v = a.length > j + 1 ? a.slice(j + 1) : args[++i];
            if (ch === 'O') output = v;
            if (ch === 'T') {
              const t = num(v);
              if (t === null) {
                io.err(`wget: invalid number '${v ?? ''}'\n`);
                return 1;
              }
              timeout = t;
            }
            break;
          } else {
            io.err(`wget: invalid option -- '${ch}'\n${WGET_USAGE}`);
            return 1;
          }
        }
        continue;
      }
      urls.push(a);
    }
    if (urls.length === 0) {
      io.err(WGET_USAGE);
      return 1;
    }
    let status = 0;
    for (const text of urls) {
      const url = parseUrl(text);
      if (!url || url.host === '') {
        io.err(`wget: not an http or ftp url: ${text}\n`);
        return 1;
      }
      const dns = env.net.resolve(env.pod, url.host);
      if (dns.status !== 'ok') {
        if (dns.status === 'timeout') await env.wait(RESOLVER_TIMEOUT);
        io.err(`wget: bad address '${url.host}'\n`);
        return 1;
      }
      if (!quiet) io.err(`Connecting to ${url.host} (${dns.ip}:${url.port})\n`);
      const r = env.net.connect(env.pod, dns.ip, url.port, 'TCP');
      if (r.status === 'timeout') {
        if (timeout !== null && timeout < KERNEL_CONNECT_TIMEOUT) {
          await env.wait(timeout);
          io.err('wget: download timed out\n');
        } else {
          await env.wait(KERNEL_CONNECT_TIMEOUT);
          io.err(`wget: can't connect to remote host (${dns.ip}): Connection timed out\n`);
        }
        return 1;
      }
      if (r.status === 'refused') {
        io.err(`wget: can't connect to remote host (${dns.ip}): Connection refused\n`);
        return 1;
      }
      if (url.scheme === 'https' && !quiet) io.err('wget: note: TLS certificate validation not implemented\n');
      const answer = httpExchange(r.to, url);
      accessLog(env, r.to, url, answer, 'Wget');
      if (!answer) {
        io.err('wget: error getting response: Connection reset by peer\n');
        return 1;
      }
      if (answer.status !== 200) {
        io.err(`wget: server returned error: HTTP/1.1 ${answer.status} ${answer.reason}\n`);
        return 1;
      }
      if (spider) {
        if (!quiet) io.err('remote file exists\n');
        continue;
      }
      const size = Buffer.byteLength(answer.body);
      const toStdout = output === '-';
      const fname = output ?? (url.path.split(/[?#]/)[0].split('/').pop() || 'index.html');
      if (toStdout) {
        if (!quiet) io.err('writing to stdout\n');
        io.out(answer.body);
        if (!quiet) io.err(`${progressLine('-', size)}\nwritten to stdout\n`);
      } else {
        const path = fname.startsWith('/') ? fname : `/${fname}`;
        if (output === undefined && env.files.has(path)) {
          io.err(`wget: can't open '${fname}': File exists\n`);
          status = 1;
          continue;
        }
        if (!quiet) io.err(`saving to '${fname}'\n`);
        env.files.set(path, answer.body);
        if (!quiet) io.err(`${progressLine(fname, size)}\n'${fname}' saved\n`);
      }
    }
    return status;
  };
}

function progressLine(name: string, size: number): string {
  return `${name.padEnd(20).slice(0, 20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA`;
}

// ---- nc -------------------------------------------------------------------------------

const NC_USAGE =
  'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n\n\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n\t-n\tDon\'t do DNS resolution\n\t-u\tUDP mode\n\t-b\tAllow broadcasts\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)\n';

export function nc(env: PodEnv): CommandFn {
  return async (args: string[], io: CommandIo) => {
    let verbose = 0;
    let wait: number | null = null;
    let udp = false;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.startsWith('-') && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const ch = a[j];
          if (ch === 'v') verbose++;
          else if (ch === 'z' || ch === 'n' || ch === 'b') continue;
          else if (ch === 'u') udp = true;
          else if (ch === 'l') {
            io.err('nc: listening is not simulated here: connect to a pod that serves instead\n');
            return 1;
          } else if ('wpsio'.includes(ch)) {
            const v = a.length > j + 1 ? a.slice(j + 1) : args[++i];
            if (ch === 'w') {
              if (v === undefined || !/^\d+$/.test(v)) {
                io.err(`nc: invalid number '${v ?? ''}'\n`);
                return 1;
              }
              wait = Number(v);
            }
            break;
          } else {
            io.err(`nc: invalid option -- '${ch}'\n${NC_USAGE}`);
            return 1;
          }
        }
        continue;
      }
      rest.push(a);
    }
    if (rest.length !== 2) {
      io.err(NC_USAGE);
      return 1;
    }
    const [host, portText] = rest;
    const port = /^\d+$/.test(portText) ? Number(portText) : WELL_KNOWN_PORTS[portText];
    if (port === undefined || port < 0 || port > 65535) {
      io.err(`nc: bad port '${portText}'\n`);
      return 1;
    }
    const dns = env.net.resolve(env.pod, host);
    if (dns.status !== 'ok') {
      if (dns.status === 'timeout') await env.wait(RESOLVER_TIMEOUT);
      io.err(`nc: bad address '${host}'\n`);
      return 1;
    }
    const where = `${host} (${dns.ip}:${port})`;
    const protocol: Protocol = udp ? 'UDP' : 'TCP';
    const r = env.net.connect(env.pod, dns.ip, port, protocol);
    // Two -v also report the bytes moved (nc_bloaty.c's SENT_N_RECV_M): none with -z.
    const tally = () => void (verbose > 1 && io.err('sent 0, rcvd 0\n'));
    if (r.status === 'open') {
      if (verbose) io.err(`${where} open\n`);
      tally();
      return 0;
    }
    if (r.status === 'refused') {
      // busybox stays quiet about refusals at one -v (a port scan's common case).
      if (verbose > 1) io.err(`nc: ${where}: Connection refused\n`);
      tally();
      return 1;
    }
    if (udp) {
      // UDP has no handshake: a dropped datagram looks like a silent open port.
      if (verbose) io.err(`${where} open\n`);
      tally();
      return 0;
    }
    await env.wait(wait !== null && wait > 0 ? Math.min(wait, KERNEL_CONNECT_TIMEOUT) : KERNEL_CONNECT_TIMEOUT);
    if (verbose) io.err(`nc: ${where}: Connection timed out\n`);
    tally();
    return 1;
  };
}

// ---- nslookup ---------------------------------------------------------------------------

function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** busybox before 1.29 had the small nslookup that asks the libc resolver (search path included). */
function legacyBusybox(image: string): boolean {
  const m = /(?:^|\/)busybox:(\d+)\.(\d+)/.exec(image);
  return m !== null && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 29));
}

/** The old applet: "Server:"/"Name:" padded to 10, "Address 1: IP NAME", can't resolve on stderr. */
async function legacyNslookup(env: PodEnv, name: string, io: CommandIo): Promise<number> {
  const reverse = (ip: string): string | null => {
    const svc = env.net.modelCluster().services.find((s) => s.clusterIP === ip);
    return svc ? `${svc.name}.${svc.namespace}.svc.cluster.local` : null;
  };
  const dnsUp = env.net.dnsReachable(env.pod);
  if (!dnsUp) await env.wait(RESOLVER_TIMEOUT);
  const serverName = dnsUp ? reverse(KUBE_DNS_IP) : null;
  io.out(`${'Server:'.padEnd(10)} ${KUBE_DNS_IP}\nAddress 1: ${KUBE_DNS_IP}${serverName ? ` ${serverName}` : ''}\n\n`);
  const answer = dnsUp ? env.net.resolve(env.pod, name) : { status: 'timeout' as const };
  if (answer.status !== 'ok') {
    if (!dnsUp) await env.wait(RESOLVER_TIMEOUT);
    io.err(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  const back = reverse(answer.ip);
  io.out(`${'Name:'.padEnd(10)} ${name}\nAddress 1: ${answer.ip}${back ? ` ${back}` : ''}\n`);
  const v6 = IPV6[answer.name.toLowerCase()];
  if (v6) io.out(`Address 2: ${v6}\n`);
  return 0;
}

export function nslookup(env: PodEnv): CommandFn {
  return async (args: string[], io: CommandIo) => {
    const words = args.filter((a) => !a.startsWith('-'));
    if (words.length === 1 && legacyBusybox(env.pod.containers[0]?.image ?? '')) return legacyNslookup(env, words[0], io);
    if (words.length < 1 || words.length > 2) {
      io.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n');
      return 1;
    }
    const [name, serverArg] = words;
    let server = KUBE_DNS_IP;
    if (serverArg) {
      if (parseIp(serverArg)) server = serverArg;
      else {
        const s = env.net.resolve(env.pod, serverArg);
        if (s.status !== 'ok') {
          io.err(`nslookup: bad address '${serverArg}'\n`);
          return 1;
        }
        server = s.ip;
      }
    }
    const reachable = env.net.connect(env.pod, server, 53, 'UDP').status === 'open';
    if (!reachable) {
      await env.wait(5);
      io.out(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    io.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
    let status = 0;
    if (parseIp(name)) {
      const ptr = reverseName(name);
      const svc = env.net.modelCluster().services.find((s) => s.clusterIP === name);
      if (svc) io.out(`${ptr}\tname = ${svc.name}.${svc.namespace}.svc.cluster.local\n\n`);
      else {
        io.out(`** server can't find ${ptr}: NXDOMAIN\n\n`);
        status = 1;
      }
      return status;
    }
    const names = name.includes('.') ? [name.replace(/\.$/, '')] : env.net.searchPath(env.pod.meta.namespace).map((d) => `${name}.${d}`);
    for (const type of ['A', 'AAAA'] as const) {
      for (const q of names) {
        const hit = env.net.lookupFqdn(q);
        if (!hit) {
          io.out(`** server can't find ${q}: NXDOMAIN\n\n`);
          status = 1;
          continue;
        }
        if (!hit.authoritative) io.out('Non-authoritative answer:\n');
        if (type === 'A') io.out(`Name:\t${q}\nAddress: ${hit.ip}\n`);
        else {
          const v6 = IPV6[q.toLowerCase()];
          if (v6) io.out(`Name:\t${q}\nAddress: ${v6}\n`);
        }
        io.out('\n');
      }
    }
    return status;
  };
}

// ---- curl ------------------------------------------------------------------------------

export function curl(env: PodEnv): CommandFn {
  return async (args: string[], io: CommandIo) => {
    let silent = false;
    let showErrors = false;
    let maxTime: number | null = null;
    let connectTimeout: number | null = null;
    let output: string | undefined;
    let head = false;
    let include = false;
    let fail = false;
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const long: Record<string, () => void> = {
        '--silent': () => (silent = true),
        '--show-error': () => (showErrors = true),
        '--head': () => (head = true),
        '--include': () => (include = true),
        '--fail': () => (fail = true),
        '--insecure': () => undefined,
        '--location': () => undefined,
        '--verbose': () => undefined,
      };
      if (a.startsWith('--')) {
        const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
        if (long[flag]) long[flag]();
        else if (flag === '--max-time' || flag === '--connect-timeout' || flag === '--output') {
          const v = inline ?? args[++i];
          if (flag === '--output') output = v;
          else {
            const t = num(v);
            if (t === null) {
              io.err(`curl: option ${flag}: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
              return 2;
            }
            if (flag === '--max-time') maxTime = t;
            else connectTimeout = t;
          }
        } else {
          io.err(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
        }
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const ch = a[j];
          if (ch === 's') silent = true;
          else if (ch === 'S') showErrors = true;
          else if (ch === 'I') head = true;
          else if (ch === 'i') include = true;
          else if (ch === 'f') fail = true;
          else if ('kLv'.includes(ch)) continue;
          else if ('mo'.includes(ch)) {
            const v = a.length > j + 1 ? a.slice(j + 1) : args[++i];
            if (ch === 'o') output = v;
            else {
              const t = num(v);
              if (t === null) {
                io.err(`curl: option -m: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
                return 2;
              }
              maxTime = t;
            }
            break;
          } else {
            io.err(`curl: option -${ch}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
            return 2;
          }
        }
        continue;
      }
      urls.push(a);
    }
    if (urls.length === 0) {
      io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const report = (code: number, message: string) => {
      if (!silent || showErrors) io.err(`curl: (${code}) ${message}\n`);
      return code;
    };
    const url = parseUrl(urls[0]);
    if (!url || url.host === '') return report(3, 'URL rejected: Bad hostname');
    const meter = !silent && output !== '-' ;
    if (meter) io.err('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n');
    const zeroLine = '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n';
    const dns = env.net.resolve(env.pod, url.host);
    if (dns.status !== 'ok') {
      if (dns.status === 'timeout') {
        const limit = maxTime ?? connectTimeout;
        if (limit !== null && limit < RESOLVER_TIMEOUT) {
          await env.wait(limit);
          if (meter) io.err(zeroLine);
          return report(28, `Resolving timed out after ${Math.round(limit * 1000)} milliseconds`);
        }
        await env.wait(RESOLVER_TIMEOUT);
      }
      if (meter) io.err(zeroLine);
      return report(6, `Could not resolve host: ${url.host}`);
    }
    const r = env.net.connect(env.pod, dns.ip, url.port, 'TCP');
    if (r.status === 'timeout') {
      const limit = [maxTime, connectTimeout].filter((x): x is number => x !== null).sort((a, b) => a - b)[0];
      if (limit !== undefined && limit < KERNEL_CONNECT_TIMEOUT) {
        await env.wait(limit);
        if (meter) io.err(zeroLine);
        return report(28, `Failed to connect to ${url.host} port ${url.port} after ${Math.round(limit * 1000) + 2} ms: Timeout was reached`);
      }
      await env.wait(KERNEL_CONNECT_TIMEOUT);
      if (meter) io.err(zeroLine);
      return report(28, `Failed to connect to ${url.host} port ${url.port} after ${KERNEL_CONNECT_TIMEOUT * 1000 + 314} ms: Couldn't connect to server`);
    }
    if (r.status === 'refused') {
      if (meter) io.err(zeroLine);
      return report(7, `Failed to connect to ${url.host} port ${url.port} after 1 ms: Couldn't connect to server`);
    }
    const answer = httpExchange(r.to, url);
    accessLog(env, r.to, url, answer, 'curl/8.5.0');
    if (!answer) {
      if (meter) io.err(zeroLine);
      return report(56, 'Recv failure: Connection reset by peer');
    }
    if (fail && answer.status >= 400) {
      if (meter) io.err(zeroLine);
      return report(22, `The requested URL returned error: ${answer.status}`);
    }
    const size = Buffer.byteLength(answer.body);
    const headers = `HTTP/1.1 ${answer.status} ${answer.reason}\r\nContent-Length: ${size}\r\n\r\n`;
    const text = head ? headers : (include ? headers : '') + answer.body;
    if (output && output !== '-') env.files.set(output.startsWith('/') ? output : `/${output}`, text);
    else io.out(text);
    if (meter) {
      const s = String(size).padStart(5);
      io.err(`100 ${s}  100 ${s}    0     0   ${String(size).padStart(4)}k      0 --:--:-- --:--:-- --:--:--  ${String(size).padStart(4)}k\n`);
    }
    return 0;
  };
}
