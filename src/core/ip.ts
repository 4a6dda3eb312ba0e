// Strict IP and CIDR handling. ipaddr.js parses; we refuse the legacy forms that
// Kubernetes refuses (leading zeros, shortened "10.1", hex, IPv6 zones) and keep
// addresses as bytes so that matching never mixes families or throws.
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface IP {
  family: Family;
  bytes: Uint8Array; // 4 or 16 bytes
}

export interface CIDR extends IP {
  prefix: number;
}

const DOTTED = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

export function parseIp(text: string): IP | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  if (DOTTED.test(text)) {
    const bytes = Uint8Array.from(text.split('.').map(Number));
    return bytes.every((b) => b <= 255) ? { family: 4, bytes } : null;
  }
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return null;
  // An embedded IPv4 tail must itself be strict dotted decimal.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail && !DOTTED.test(tail[1])) return null;
  return { family: 6, bytes: Uint8Array.from(ipaddr.IPv6.parse(text).toByteArray()) };
}

export function parseCidr(text: string): CIDR | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIp(text.slice(0, slash));
  const len = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9]\d{0,2})$/.test(len)) return null;
  const prefix = Number(len);
  if (prefix > ip.bytes.length * 8) return null;
  return { ...ip, prefix };
}

/**
 * An IP as Kubernetes 1.35 reads legacy fields (netutils.ParseIPSloppy, the pre-1.17 Go
 * parser): IPv4 octets may carry leading zeros and are read as decimal ("010" is 10, not
 * octal 8). Strict syntax is the StrictIPCIDRValidation gate, alpha and off in 1.35.
 */
export function parseIpLegacy(text: string): IP | null {
  const strict = parseIp(text);
  if (strict || typeof text !== 'string' || text.length > 64) return strict;
  const v4 = sloppyIpv4(text);
  if (v4) return v4;
  if (!text.includes(':') || text.includes('%')) return null;
  // An IPv4 tail may have leading zeros too; IPv6 groups may have more than 4 hex digits
  // when the extra ones are leading zeros (the old parser checked the value, not the length).
  let rest = text;
  const tail = /([0-9.]+)$/.exec(text);
  if (tail && tail[1].includes('.')) {
    const t = sloppyIpv4(tail[1]);
    if (!t) return null;
    rest = `${text.slice(0, text.length - tail[1].length)}${Array.from(t.bytes).join('.')}`;
  }
  rest = rest.replace(/(^|:)0+([0-9a-fA-F]{1,4})(?=:|$)/g, '$1$2');
  return parseIp(rest);
}

function sloppyIpv4(text: string): IP | null {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(text)) return null;
  const bytes = text.split('.').map((o) => Number(o));
  return bytes.every((b) => b <= 255) ? { family: 4, bytes: Uint8Array.from(bytes) } : null;
}

/** A CIDR as 1.35 reads legacy fields (netutils.ParseCIDRSloppy): leading zeros allowed in the IP and the prefix length. */
export function parseCidrLegacy(text: string): CIDR | null {
  if (typeof text !== 'string') return null;
  const strict = parseCidr(text);
  if (strict) return strict;
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIpLegacy(text.slice(0, slash));
  const len = text.slice(slash + 1);
  if (!ip || !/^\d{1,12}$/.test(len)) return null;
  const prefix = Number(len);
  if (prefix > ip.bytes.length * 8) return null;
  return { ...ip, prefix };
}

/** The network of a CIDR: bits beyond the prefix cleared. */
export function maskCidr(c: CIDR): CIDR {
  const bytes = Uint8Array.from(c.bytes);
  for (let bit = c.prefix; bit < bytes.length * 8; bit++) bytes[bit >> 3] &= ~(0x80 >> (bit & 7));
  return { ...c, bytes };
}

/** True for ::ffff:a.b.c.d written in IPv6 form. */
export function isIpv4Mapped(ip: IP): boolean {
  return isV4Mapped(ip.bytes);
}

/**
 * A CIDR as Go's IPNet.String() prints the network ParseCIDRSloppy returns: masked, and in
 * IPv4 form when the masked address is IPv4-mapped ("::ffff:10.0.0.0/104" is "10.0.0.0/8").
 */
export function formatNetwork(c: CIDR): string {
  const m = maskCidr(c);
  if (m.family === 6 && isV4Mapped(m.bytes) && m.prefix >= 96) return `${Array.from(m.bytes.slice(12)).join('.')}/${m.prefix - 96}`;
  return `${formatIp(m)}/${m.prefix}`;
}

/** An IP as Go's IP.String() prints it: IPv4-mapped addresses in dotted IPv4 form. */
export function formatIpGo(ip: IP): string {
  return isV4Mapped(ip.bytes) ? Array.from(ip.bytes.slice(12)).join('.') : formatIp(ip);
}

/** The address family an IP counts as when matched (an IPv4-mapped IPv6 address is IPv4). */
export function familyOf(ip: IP): Family {
  return unmapIpv4(ip).family;
}

/** True when bits beyond the prefix are set (10.1.2.3/8): accepted by 1.35 with a warning. */
export function hasHostBits(c: CIDR): boolean {
  for (let bit = c.prefix; bit < c.bytes.length * 8; bit++) {
    if (c.bytes[bit >> 3] & (0x80 >> (bit & 7))) return true;
  }
  return false;
}

/** True for ::ffff:a.b.c.d, which Go (and so Kubernetes' matchers) treats as the IPv4 address a.b.c.d. */
function isV4Mapped(b: Uint8Array): boolean {
  if (b.length !== 16 || b[10] !== 0xff || b[11] !== 0xff) return false;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return true;
}

/** An IPv4-mapped IPv6 address as IPv4 (Go's To4); other addresses unchanged. */
export function unmapIpv4<T extends IP>(ip: T): T {
  if (ip.family !== 6 || !isV4Mapped(ip.bytes)) return ip;
  if ('prefix' in ip) {
    // Like IPNet.Contains: the masked network is compared in its IPv4 form when it has one.
    const c = ip as unknown as CIDR;
    if (c.prefix < 96) return ip;
    return { ...c, family: 4, bytes: c.bytes.slice(12), prefix: c.prefix - 96 } as unknown as T;
  }
  return { ...ip, family: 4, bytes: ip.bytes.slice(12) };
}

/** Whether `ip` lies in `c`; false across families (never throws). IPv4-mapped IPv6 counts as IPv4. */
export function cidrContains(cidr: CIDR, addr: IP): boolean {
  const c = unmapIpv4(cidr);
  const ip = unmapIpv4(addr);
  if (c.family !== ip.family) return false;
  const full = c.prefix >> 3;
  for (let i = 0; i < full; i++) if (c.bytes[i] !== ip.bytes[i]) return false;
  const rest = c.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (c.bytes[full] & mask) === (ip.bytes[full] & mask);
}

/** Whether every address of `inner` is in `outer`. */
export function cidrCovers(outer: CIDR, inner: CIDR): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && cidrContains(outer, inner);
}

export function formatIp(ip: IP): string {
  if (ip.family === 4) return Array.from(ip.bytes).join('.');
  return ipaddr.fromByteArray(Array.from(ip.bytes)).toString();
}

/** The n-th address after `base` (wrapping inside the family), for deterministic pod IPs. */
export function addToIp(base: IP, n: number): IP {
  const bytes = Uint8Array.from(base.bytes);
  let carry = n;
  for (let i = bytes.length - 1; i >= 0 && carry > 0; i--) {
    const sum = bytes[i] + (carry % 256);
    bytes[i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
  return { family: base.family, bytes };
}
