// The engine's vocabulary, after the upstream e2e suite (Model, Reachability) and
// policy-assistant (Targets, Peer and Port matchers).
import type { Protocol } from '../model.js';
import type { Direction } from '../policy.js';

/** A probe: one destination port and protocol, as `wget`/`nc` would try. */
export interface Probe {
  port: number;
  protocol: Protocol;
}

export function probeKey(p: Probe): string {
  return `${p.port}/${p.protocol}`;
}

/** A row/column of the matrix: a pod, or a host outside the cluster. */
export interface Endpoint {
  /** "ns/name" for pods, the name (by default the IP) for external hosts. */
  id: string;
  kind: 'pod' | 'external';
  /** Pods only. */
  namespace?: string;
  ip: string;
  /** A hostNetwork pod: its IP is its node's; policies neither select it nor match it by selector. */
  hostNetwork?: boolean;
}

export interface RuleRef {
  policy: string; // "ns/name"
  direction: Direction;
  ruleIndex: number;
  /** Index into from/to that matched; null when from/to is empty (every peer); -1 when none matched. */
  peerIndex: number | null;
  /** Index into ports that matched; null when ports is empty (every port); -1 when none matched. */
  portIndex: number | null;
}

/** One side of a connection: ingress at the destination or egress at the source. */
export interface DirectionVerdict {
  direction: Direction;
  /** false: no policy of this type selects the pod (or the endpoint is outside the cluster). */
  isolated: boolean;
  /** Policies ("ns/name") that select the pod for this direction. */
  isolatedBy: string[];
  /** Every rule that admits this traffic (empty when denied or not isolated). */
  allowedBy: RuleRef[];
  /**
   * Every rule of the isolating policies, evaluated: peerIndex/portIndex are -1 where the
   * peer or the port did not match. allowedBy is the subset with neither -1.
   */
  considered: RuleRef[];
  allowed: boolean;
}

export interface Verdict {
  from: string;
  to: string;
  probe: Probe;
  allowed: boolean;
  /** From a pod to itself: loopback, allowed whatever the policies say (egress/ingress still show them). */
  loopback?: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}
