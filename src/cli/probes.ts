// Parsing of PORT/PROTO arguments ("80", "80/TCP", "53/udp") and --external IPs.
import { UsageError } from './args.js';
import type { Probe } from '../core/engine/types.js';
import type { Protocol } from '../core/model.js';
import { parseIp } from '../core/ip.js';

export function parseProbe(text: string): Probe {
  const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(text.trim());
  const port = m ? Number(m[1]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError(`"${text}" is not a port: use PORT or PORT/PROTOCOL, e.g. 80/TCP or 53/UDP (1-65535)`);
  return { port, protocol: (m[2] ?? 'TCP').toUpperCase() as Protocol };
}

export function parseExternalIp(text: string): string {
  if (!parseIp(text)) throw new UsageError(`--external "${text}" is not an IPv4 or IPv6 address`);
  return text;
}
