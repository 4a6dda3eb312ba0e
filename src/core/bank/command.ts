// The test commands scenarios use, written as in the module: wget/curl a URL, nc a host
// and port, nslookup a name. Only what decides reachability is kept.
import type { Protocol } from '../model.js';

export type Command =
  | { tool: 'wget' | 'curl' | 'nc'; host: string; port: number; protocol: Protocol; explicitPort: boolean }
  | { tool: 'nslookup'; host: string };

/** Splits on whitespace, honouring simple single and double quotes. */
function words(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function parseUrl(url: string): { host: string; port: number; explicitPort: boolean } | string {
  const m = /^(?:(https?):\/\/)?(\[[0-9a-fA-F:.]+\]|[^/:?#]+)(?::(\d{1,5}))?(?:[/?#].*)?$/.exec(url);
  if (!m) return `cannot read the URL "${url}"`;
  const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return `port ${port} is out of range`;
  return { host: m[2].replace(/^\[|\]$/g, ''), port, explicitPort: m[3] !== undefined };
}

/** Parses a check command; a string is the reason it cannot be read. */
export function parseCommand(text: string): Command | string {
  const w = words(text);
  const tool = w[0];
  const args = w.slice(1);
  switch (tool) {
    case 'wget':
    case 'curl': {
      // Options with a separate value (wget -O file, -T 3; curl -m 3, -o file).
      const takesValue = new Set(['-O', '-T', '-o', '-m', '--max-time', '--connect-timeout', '-H', '-U']);
      const urls: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a.startsWith('-')) {
          if (takesValue.has(a)) i++;
          continue;
        }
        urls.push(a);
      }
      if (urls.length !== 1) return `${tool} needs exactly one URL`;
      const u = parseUrl(urls[0]);
      if (typeof u === 'string') return u;
      return { tool, protocol: 'TCP', ...u };
    }
    case 'nc': {
      let protocol: Protocol = 'TCP';
      const rest: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === '-w' || a === '-i') {
          i++;
          continue;
        }
        if (a.startsWith('-')) {
          if (/^-[a-zA-Z]*u/.test(a)) protocol = 'UDP';
          continue;
        }
        rest.push(a);
      }
      if (rest.length !== 2 || !/^\d{1,5}$/.test(rest[1])) return 'nc needs a host and a port: nc -zv HOST PORT';
      const port = Number(rest[1]);
      if (port < 1 || port > 65535) return `port ${port} is out of range`;
      return { tool: 'nc', host: rest[0], port, protocol, explicitPort: true };
    }
    case 'nslookup': {
      const names = args.filter((a) => !a.startsWith('-'));
      if (names.length < 1) return 'nslookup needs a name';
      return { tool: 'nslookup', host: names[0] };
    }
    default:
      return `unknown command "${tool ?? ''}": use wget, curl, nc or nslookup`;
  }
}
