// kubectl subcommands outside the module's workflow. A few answer as they would on this
// cluster (events: none, as get events; top: kubeadm installs no metrics-server; auth can-i:
// kubernetes-admin may do anything; rollout status: every Deployment is rolled out); the
// other real subcommands say they are not simulated rather than "unknown command".
import type { CommandIo } from '../shell-run.js';
import type { ApiServer } from '../api-server.js';
import type { ParsedFlags } from './flags.js';
import { bool } from './flags.js';
import { findDerived } from './derived-kinds.js';

/** Real kubectl subcommands the console does not simulate. */
const NOT_SIMULATED = [
  'annotate', 'api-versions', 'attach', 'autoscale', 'certificate', 'completion', 'cordon', 'cp', 'debug', 'diff', 'drain',
  'kustomize', 'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'set', 'taint', 'uncordon', 'wait', 'alpha',
];

export const OTHER_SUBCOMMANDS = ['events', 'top', 'auth', 'rollout', ...NOT_SIMULATED];

export interface OtherContext {
  api: ApiServer;
  namespace: string;
}

/** Runs one of OTHER_SUBCOMMANDS; null when `sub` is none of them. */
export function otherCommand(sub: string, f: ParsedFlags, ctx: OtherContext, io: CommandIo): number | null {
  const [what, name] = f.positionals;
  switch (sub) {
    case 'events':
      // kubectl events' own words for an empty list (events.go), not get's "No resources found".
      io.err(bool(f, 'all-namespaces') ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
      return 0;
    case 'top':
      if (!what) break;
      io.err('error: Metrics API not available\n');
      return 1;
    case 'auth':
      if (what !== 'can-i' || !name) break;
      io.out('yes\n');
      return 0;
    case 'rollout':
      return what === 'status' ? rolloutStatus(f.positionals.slice(1), ctx, io) : notSimulated(`rollout ${what ?? ''}`.trim(), io);
    default:
      return NOT_SIMULATED.includes(sub) ? notSimulated(sub, io) : null;
  }
  return notSimulated(sub, io);
}

function notSimulated(what: string, io: CommandIo): number {
  io.err(`error: "kubectl ${what}" is a real kubectl command, but this console does not simulate it (type help for what it does)\n`);
  return 1;
}

/** rollout_status.go's words for a Deployment or DaemonSet that has finished rolling out. */
function rolloutStatus(args: string[], ctx: OtherContext, io: CommandIo): number {
  const [type, n] = args[0]?.includes('/') ? args[0].split('/') : [args[0], args[1]];
  const t = (type ?? '').toLowerCase();
  if (['deployment', 'deployments', 'deploy', 'deployment.apps'].includes(t) && n) {
    if (!ctx.api.get('Deployment', ctx.namespace, n)) {
      io.err(`Error from server (NotFound): deployments.apps "${n}" not found\n`);
      return 1;
    }
    io.out(`deployment "${n}" successfully rolled out\n`);
    return 0;
  }
  if (findDerived(t)?.kind === 'DaemonSet' && n) {
    if (!ctx.api.list('Pod', ctx.namespace).some((p) => p.meta.owner?.kind === 'DaemonSet' && p.meta.owner.name === n)) {
      io.err(`Error from server (NotFound): daemonsets.apps "${n}" not found\n`);
      return 1;
    }
    io.out(`daemon set "${n}" successfully rolled out\n`);
    return 0;
  }
  return notSimulated(`rollout status ${args.join(' ')}`.trim(), io);
}
