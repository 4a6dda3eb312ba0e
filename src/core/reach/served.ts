// The port an explanation shows for a stretch of ports. A verdict read on 1/TCP, where nothing
// listens, says little about the connection a learner would try (wget on 80, psql on 5432): the
// port shown is one the destination serves when the stretch holds one, its first port otherwise.
import type { Protocol } from '../model.js';
import { PROTOCOLS } from '../model.js';
import type { Engine } from '../engine/engine.js';
import type { Probe } from '../engine/types.js';
import { rangesContain, type ConnectionSet } from './ports.js';

const ORDER: Record<Protocol, number> = { TCP: 0, UDP: 1, SCTP: 2 };

/**
 * What endpoint `to` serves: its container ports (an outside host's served ports) and the numeric
 * target ports of the Services that select it (a named targetPort is a container port already),
 * then `extra` (the ports a task names), sorted by port then protocol.
 */
export function servedProbes(engine: Engine, to: string | number, extra: readonly Probe[] = []): Probe[] {
  const index = typeof to === 'number' ? to : engine.indexOf(to);
  const seen = new Map<string, Probe>();
  const add = (p: Probe) => seen.set(`${p.port}/${p.protocol}`, { port: p.port, protocol: p.protocol });
  if (index >= 0) {
    engine.probesFor(index).forEach(add);
    const pod = index < engine.cluster.pods.length ? engine.cluster.pods[index] : undefined;
    for (const svc of pod ? engine.cluster.services : []) {
      const keys = Object.keys(svc.selector);
      if (svc.namespace !== pod!.namespace || keys.length === 0 || keys.some((k) => pod!.labels[k] !== svc.selector[k])) continue;
      for (const sp of svc.ports) if (typeof sp.targetPort === 'number' && sp.targetPort > 0) add({ port: sp.targetPort, protocol: sp.protocol });
    }
  }
  extra.forEach(add);
  return [...seen.values()].sort((a, b) => a.port - b.port || ORDER[a.protocol] - ORDER[b.protocol]);
}

/** The port to show for `set`: the first served port in it, else its first port; undefined when it is empty. */
export function exampleProbe(set: ConnectionSet, served: readonly Probe[]): Probe | undefined {
  const hit = served.find((p) => rangesContain(set[p.protocol], p.port));
  if (hit) return hit;
  const p = PROTOCOLS.find((x) => set[x].length > 0);
  return p ? { port: set[p][0][0], protocol: p } : undefined;
}
