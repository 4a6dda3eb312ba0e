// busybox 1.37's ping (networking/ping.c, FEATURE_FANCY_PING): its words, statistics and
// exit status. Whether an echo is answered comes from Network.echo (NetworkPolicy and ICMP).
import type { CommandFn, CommandIo } from './shell-run.js';
import type { PodEnv } from './pod-tools.js';
import { RESOLVER_TIMEOUT } from './pod-tools.js';

export const PING_USAGE =
  'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n' +
  '\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n' +
  '\t-i SECS\t\tInterval\n\t-A\t\tPing as soon as reply is received\n\t-t TTL\t\tSet TTL\n\t-I IFACE/IP\tSource interface or IP address\n' +
  '\t-W SEC\t\tSeconds to wait for the first response (default 10)\n\t\t\t(after all -c CNT packets are sent)\n' +
  '\t-w SEC\t\tSeconds until ping exits (default:infinite)\n\t\t\t(can exit earlier with -c CNT)\n\t-q\t\tQuiet, only display output at start/finish\n\t-p HEXBYTE\tPayload pattern\n';

/** Without -c or -w ping never ends; the console stops it after this many echoes, as a learner's Ctrl+C would. */
export const PING_INTERRUPT_AFTER = 4;

/** Round-trip times (µs) by path, cycled per sequence number: fixed, so transcripts repeat. */
const RTT_US: Record<'local' | 'node' | 'nodes' | 'internet', number[]> = {
  local: [41, 52, 47, 49],
  node: [96, 71, 78, 74],
  nodes: [512, 398, 421, 407],
  internet: [9871, 9654, 9702, 9688],
};

const ms = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

// getopt32 "qvAc:+s:t:+w:+W:+I:np:i:46" with exactly one operand ("=1").
const WITH_VALUE = 'cstwWIpi';
const NUMERIC = 'ctwW';

export function ping(env: PodEnv): CommandFn {
  return async (args: string[], io: CommandIo) => {
    const opts = new Map<string, string>();
    const flags = new Set<string>();
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        rest.push(...args.slice(i + 1));
        break;
      }
      if (!a.startsWith('-') || a === '-') {
        rest.push(a);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (WITH_VALUE.includes(ch)) {
          const v = a.length > j + 1 ? a.slice(j + 1) : args[++i];
          if (v === undefined) {
            io.err(`ping: option requires an argument -- '${ch}'\n${PING_USAGE}`);
            return 1;
          }
          if (NUMERIC.includes(ch) && !/^\d+$/.test(v)) {
            io.err(`ping: invalid number '${v}'\n`);
            return 1;
          }
          opts.set(ch, v);
          break;
        }
        if (!'qvAn46'.includes(ch)) {
          io.err(`ping: invalid option -- '${ch}'\n${PING_USAGE}`);
          return 1;
        }
        flags.add(ch);
      }
    }
    if (rest.length !== 1) {
      io.err(PING_USAGE);
      return 1;
    }
    const host = rest[0];
    const count = Number(opts.get('c') ?? 0);
    const deadline = Number(opts.get('w') ?? 0);
    const timeout = Number(opts.get('W') ?? 10);
    const size = opts.has('s') ? Number(opts.get('s')) : 56;
    const quiet = flags.has('q');
    const dns = env.net.resolve(env.pod, host);
    if (dns.status !== 'ok') {
      if (dns.status === 'timeout') await env.wait(RESOLVER_TIMEOUT);
      io.err(`ping: bad address '${host}'\n`);
      return 1;
    }
    const ip = dns.ip;
    io.out(`PING ${host} (${ip}): ${size} data bytes\n`);
    const echo = env.net.echo(env.pod, ip);
    // One echo a second: -c CNT of them, or as many as -w SEC allows, or until interrupted.
    const interrupted = count === 0 && deadline === 0;
    let sent = interrupted ? PING_INTERRUPT_AFTER : count;
    if (deadline > 0) sent = count > 0 ? Math.min(count, deadline) : deadline;
    const rtts: number[] = [];
    for (let seq = 0; seq < sent; seq++) {
      if (seq > 0) await env.wait(1);
      if (echo.status !== 'reply') continue;
      const rtt = RTT_US[echo.hops][seq % 4];
      rtts.push(rtt);
      if (!quiet) io.out(`${size + 8} bytes from ${ip}: seq=${seq} ttl=${echo.ttl} time=${ms(rtt)} ms\n`);
    }
    // Lost echoes: the last one is awaited -W seconds (or until -w runs out, or Ctrl+C).
    if (rtts.length === 0 && !interrupted) await env.wait(deadline > 0 ? Math.max(0, deadline - (sent - 1)) : timeout);
    else if (interrupted) await env.wait(1);
    if (interrupted) io.out('^C');
    const received = rtts.length;
    io.out(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${Math.floor(((sent - received) * 100) / sent)}% packet loss\n`);
    if (received > 0) {
      const avg = Math.floor(rtts.reduce((a, b) => a + b, 0) / received);
      io.out(`round-trip min/avg/max = ${ms(Math.min(...rtts))}/${ms(avg)}/${ms(Math.max(...rtts))} ms\n`);
    }
    return received === 0 || (deadline > 0 && count > 0 && received < count) ? 1 : 0;
  };
}
