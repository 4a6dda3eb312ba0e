// What a container image does in the simulated cluster: which ports its process listens
// on, whether it keeps running, and what it answers over HTTP.
import type { ContainerPort } from '../model.js';
import { IMAGE_PORTS, imageName } from '../bank/cluster-spec.js';
import type { Container } from './objects.js';

/** Images whose default process is a shell or a one-shot tool: they exit at once without a command that keeps them up. */
const SHELL_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian', 'curl', 'netshoot', 'dnsutils', 'centos', 'fedora']);

const EXTRA_PORTS: Record<string, ContainerPort[]> = {
  coredns: [
    { name: 'dns', port: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    { name: 'metrics', port: 9153, protocol: 'TCP' },
    { port: 8080, protocol: 'TCP' },
    { port: 8181, protocol: 'TCP' },
  ],
  'kube-controllers': [{ port: 9094, protocol: 'TCP' }],
};

/** Ports the container's process listens on: the image's own, else what the pod declares. */
export function listeningPorts(c: Container): ContainerPort[] {
  const name = imageName(c.image);
  if (!podRunsForever([c])) return [];
  if (name === 'busybox') return busyboxServers([...c.command, ...c.args].join(' '));
  const known = EXTRA_PORTS[name] ?? IMAGE_PORTS[name];
  if (known) return known.map((p) => ({ ...p }));
  return c.ports.map((p) => ({ ...p }));
}

/**
 * The servers a busybox command line starts, each command of a sh -c script alike:
 * `nc -l[k] -p PORT` (-u: UDP) and `httpd [-f] [-p PORT]` (port 80 by default).
 */
export function busyboxServers(text: string): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const cmd of text.split(/[;&|\n]+/)) {
    const words = cmd.trim().replace(/^['"]|['"]$/g, '').split(/\s+/);
    const at = words.findIndex((w) => /^(nc|httpd)$/.test(w.split('/').pop() ?? ''));
    if (at < 0) continue;
    const prog = words[at].split('/').pop();
    const opts = words.slice(at + 1);
    const port = (() => {
      for (let i = 0; i < opts.length; i++) {
        const m = /^-[a-zA-Z]*p(\d*)$/.exec(opts[i]);
        if (m) return Number(m[1] || opts[i + 1]);
      }
      return prog === 'httpd' ? 80 : NaN;
    })();
    if (prog === 'nc' && !opts.some((o) => /^-[a-zA-Z]*l/.test(o))) continue;
    if (Number.isInteger(port) && port > 0 && port < 65536) out.push({ port, protocol: prog === 'nc' && opts.some((o) => /^-[a-zA-Z]*u/.test(o)) ? 'UDP' : 'TCP' });
  }
  return out;
}

/** False for a shell image given no long-running command (busybox alone exits at once). */
export function podRunsForever(containers: Container[]): boolean {
  return containers.every((c) => {
    const argv = [...c.command, ...c.args];
    if (!SHELL_IMAGES.has(imageName(c.image))) return true;
    if (argv.length === 0) return false;
    const text = argv.join(' ');
    if (/^(sh|bash|\/bin\/sh|\/bin\/bash)$/.test(text)) return false;
    return /\bsleep\b|\btail\s+-f\b|\bwhile\b|\binfinity\b|\bnc\s+-l|\bhttpd\b/.test(text);
  });
}

export const NGINX_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const HTTPD_PAGE = '<html><body><h1>It works!</h1></body></html>\n';

export type HttpAnswer = { status: 200; body: string } | { status: number; reason: string; body: string } | { status: 0 };

/** What a server image answers to GET / (status 0: not an HTTP server, the connection is reset). */
export function httpAnswer(image: string, port: number): HttpAnswer {
  const name = imageName(image);
  if (name === 'nginx') return { status: 200, body: NGINX_PAGE };
  if (name === 'httpd') return { status: 200, body: HTTPD_PAGE };
  if (name === 'coredns' && port === 8080) return { status: 200, body: 'OK' };
  if (name === 'coredns' && port === 8181) return { status: 200, body: 'OK' };
  if (name === 'coredns' && port === 9153) return { status: 200, body: '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n' };
  if (['redis', 'mysql', 'postgres'].includes(name)) return { status: 0 };
  return { status: 200, body: `<html><body>${name}</body></html>\n` };
}
