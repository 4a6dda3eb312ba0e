// kubectl against the simulated API server: the subcommands of the module's workflow,
// with kubectl's flags, messages and exit codes (1 for any error, the remote command's
// code for exec).
import type { CommandIo } from '../shell-run.js';
import type { ApiServer } from '../api-server.js';
import { NODES, cloneContainer } from '../api-server.js';
import type { Network } from '../network.js';
import type { ApiObject, Container, DeploymentObject, Kind, NamespaceObject, NetworkPolicyObject, PodObject, ResourceType, ServiceObject } from '../objects.js';
import { RESOURCES, findResource, qualifiedPlural, qualifiedSingular, resourceOf } from '../objects.js';
import { FlagError, SUBCOMMAND_SHORTHANDS, bool, parseFlags, value, values, type ParsedFlags } from './flags.js';
import { table, humanDuration } from './tables.js';
import { LAST_APPLIED, listOf, toJson, toManifest, toYaml } from './manifest-form.js';
import { describeObject } from './describe.js';
import { decodeManifests, type Desired } from './manifests.js';
import { parseSelector, requirementsMatch } from '../selectors.js';
import { isQualifiedName, isValidLabelValue, isDns1123Label, isDns1123Subdomain, isDns1035Label } from '../../manifest/names.js';
import { METADATA_NAME_LABEL } from '../../model.js';
import type { ContainerPort, Protocol, ServicePort } from '../../model.js';
import { jsonpath } from './jsonpath.js';
import { parseAllDocuments } from 'yaml';
import { explain } from './explain.js';
import { GET_TABLE, tabwrite } from '../tabwriter.js';
import { podRunsForever } from '../images.js';
import { DERIVED, findDerived, listDerived, type DerivedResource } from './derived-kinds.js';
import { derivedTable, getDerived, getWithDerivedKinds, type DerivedGetOptions } from './derived-get.js';
import { customColumns, parseCustomColumns } from './custom-columns.js';
import { OTHER_SUBCOMMANDS, otherCommand } from './other-commands.js';

export interface KubectlEnv {
  api: ApiServer;
  net: Network;
  /** The current context's namespace (kubectl config set-context --current --namespace). */
  namespace(): string;
  setNamespace(ns: string): void;
  readFile(path: string): string | undefined;
  /** Opens an editor on text; resolves to the saved text, or null when the editor failed. */
  edit?: (text: string, fileName: string) => Promise<string | null>;
  /** The editor's command, for kubectl's message when it fails ("vi" when not known). */
  editorName?: () => string;
  /** Keeps a file in the learner's directory (kubectl edit's copy of rejected changes). */
  writeFile?: (path: string, text: string) => void;
  /** Runs a command inside a pod, as the container runtime would; returns its exit code. */
  runInPod(pod: PodObject, argv: string[], io: CommandIo): Promise<number>;
  /** Attaches the prompt to a shell in the pod (exec -it ... sh, run -it ... -- sh). */
  attachShell(pod: PodObject, onExit: (io: CommandIo) => void): void;
  /** True when a command names a program the pod's image has. */
  hasProgram(pod: PodObject, program: string): boolean;
  /** Runs a pod's own command (kubectl run without attach): its output becomes the pod's log. */
  runInPodAs(pod: PodObject, argv: string[], io: CommandIo): Promise<number>;
}

const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/** kubectl's refusal of a name with -A (its resource builder's words). */
const NAME_ACROSS_NAMESPACES = 'error: a resource cannot be retrieved by name across all namespaces';

class KubectlError extends Error {
  override name = 'KubectlError';
}

function fail(message: string): never {
  throw new KubectlError(message);
}

/** kubectl get's words for an -o it has no printer for. */
function noPrinter(output: string): string {
  return `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`;
}

function notFound(r: ResourceType, name: string): string {
  return `Error from server (NotFound): ${qualifiedPlural(r)} "${name}" not found`;
}

function nsNotFound(ns: string): string {
  return `Error from server (NotFound): namespaces "${ns}" not found`;
}

function hex(seed: string, n: number): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let r = 0; out.length < n; r++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ r, 0x5bd1e995) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}

export class Kubectl {
  constructor(private readonly env: KubectlEnv) {}

  private get api(): ApiServer {
    return this.env.api;
  }

  async run(argv: string[], io: CommandIo): Promise<number> {
    try {
      return await this.dispatch(argv, io);
    } catch (e) {
      if (e instanceof KubectlError) {
        io.err(e.message.endsWith('\n') ? e.message : `${e.message}\n`);
        return 1;
      }
      if (e instanceof FlagError) {
        io.err(`error: ${e.message}\nSee 'kubectl ${argv.find((a) => !a.startsWith('-')) ?? ''} --help' for usage.\n`);
        return 1;
      }
      throw e;
    }
  }

  private async dispatch(argv: string[], io: CommandIo): Promise<number> {
    // The subcommand is the first word that is not a flag (kubectl -n x get pods works).
    const idx = argv.findIndex((a, i) => !a.startsWith('-') && !(i > 0 && /^(-n|--namespace|-o|--context)$/.test(argv[i - 1])));
    if (idx < 0 || argv.length === 0) {
      io.out(HELP);
      return argv.length === 0 ? 0 : 1;
    }
    const sub = argv[idx];
    const args = [...argv.slice(0, idx), ...argv.slice(idx + 1)];
    const dashdash = args.indexOf('--');
    const flagPart = dashdash >= 0 ? args.slice(0, dashdash) : args;
    if (flagPart.includes('--help') || flagPart.includes('-h')) {
      io.out(`Run 'kubectl ${sub}' as on a real cluster; see the console's help (type 'help') for what is simulated.\n`);
      return 0;
    }
    const f = parseFlags(args, SUBCOMMAND_SHORTHANDS[sub]);
    switch (sub) {
      case 'get':
        return this.get(f, io);
      case 'describe':
        return this.describe(f, io);
      case 'apply':
        return this.applyOrCreate(f, io, 'apply');
      case 'create':
        return this.create(f, io);
      case 'delete':
        return this.delete(f, io);
      case 'label':
        return this.label(f, io);
      case 'expose':
        return this.expose(f, io);
      case 'run':
        return this.runPod(f, io);
      case 'exec':
        return this.exec(f, io);
      case 'edit':
        return this.editObject(f, io);
      case 'explain':
        return this.explain(f, io);
      case 'logs':
        return this.logs(f, io);
      case 'scale':
        return this.scale(f, io);
      case 'config':
        return this.config(f, io);
      case 'version':
        io.out('Client Version: v1.35.0\nKustomize Version: v5.7.1\nServer Version: v1.35.0\n');
        return 0;
      case 'cluster-info':
        io.out(
          'Kubernetes control plane is running at https://172.30.1.2:6443\nCoreDNS is running at https://172.30.1.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use \'kubectl cluster-info dump\'.\n',
        );
        return 0;
      case 'api-resources':
        return this.apiResources(io);
      default: {
        const other = otherCommand(sub, f, { api: this.api, namespace: this.ns(f) }, io);
        if (other !== null) return other;
        fail(`error: unknown command "${sub}" for "kubectl"${suggest(sub)}`);
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private ns(f: ParsedFlags): string {
    return value(f, 'namespace') ?? this.env.namespace();
  }

  private requireNamespace(ns: string): void {
    if (!this.api.namespaceExists(ns)) fail(nsNotFound(ns));
  }

  private resource(name: string): ResourceType {
    const r = findResource(name);
    if (!r) fail(`error: the server doesn't have a resource type "${name}"`);
    return r;
  }

  /** TYPE NAME..., TYPE/NAME ..., TYPE1,TYPE2: the (type, name?) pairs kubectl resolves. */
  /**
   * A name needs one namespace: with -A, kubectl's resource builder refuses a namespaced
   * resource by name (a cluster-scoped one, such as a namespace, is still found).
   */
  private refuseNameAcrossNamespaces(f: ParsedFlags, targets: readonly { r: ResourceType; name?: string }[]): void {
    if (bool(f, 'all-namespaces') && targets.some((t) => t.name !== undefined && t.r.namespaced)) fail(NAME_ACROSS_NAMESPACES);
  }

  private targets(positionals: string[]): { r: ResourceType; name?: string }[] {
    if (positionals.length === 0) return [];
    if (positionals[0].includes('/')) {
      return positionals.map((p) => {
        const slash = p.indexOf('/');
        if (slash < 0) fail(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
        return { r: this.resource(p.slice(0, slash)), name: p.slice(slash + 1) };
      });
    }
    const types = positionals[0].split(',').filter(Boolean);
    const names = positionals.slice(1);
    if (names.some((n) => n.includes('/'))) fail(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
    const out: { r: ResourceType; name?: string }[] = [];
    for (const t of types) {
      if (t === 'all') {
        for (const k of ['Pod', 'Service', 'Deployment', 'ReplicaSet'] as const) out.push({ r: resourceOf(k) });
        continue;
      }
      const r = this.resource(t);
      if (names.length === 0) out.push({ r });
      else for (const n of names) out.push({ r, name: n });
    }
    return out;
  }

  private lookup(r: ResourceType, ns: string, name: string): ApiObject | undefined {
    return this.api.get(r.kind, r.namespaced ? ns : '', name);
  }

  private selectorFilter(f: ParsedFlags): (o: ApiObject) => boolean {
    const text = value(f, 'selector');
    if (text === undefined) return () => true;
    const reqs = parseSelector(text);
    if (typeof reqs === 'string') fail(`error: ${reqs}`);
    return (o) => requirementsMatch(reqs, o.meta.labels);
  }

  // ---- get ---------------------------------------------------------------------------------

  private get(f: ParsedFlags, io: CommandIo, withKinds = false): number {
    const ns = this.ns(f);
    const all = bool(f, 'all-namespaces');
    const output = value(f, 'output') ?? '';
    if (f.positionals.length === 0) {
      fail(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
      );
    }
    const first = f.positionals[0].split('/')[0].split(',');
    if (first.some((t) => t === 'nodes' || t === 'node' || t === 'no')) return this.getNodes(f, io);
    if (first.some((t) => findDerived(t))) return this.getWithDerived(f, io);
    const targets = this.targets(f.positionals);
    this.refuseNameAcrossNamespaces(f, targets);
    const matches = this.selectorFilter(f);
    const validOutputs = ['', 'wide', 'yaml', 'json', 'name'];
    const isJsonpath = output.startsWith('jsonpath=') || output.startsWith('jsonpath-as-json=');
    const custom = output.startsWith('custom-columns=') ? parseCustomColumns(output.slice('custom-columns='.length)) : null;
    if (typeof custom === 'string') fail(`error: ${custom}`);
    if (!validOutputs.includes(output) && !isJsonpath && !custom) fail(noPrinter(output));
    const named = targets.some((t) => t.name !== undefined);
    // `get all` lists DaemonSets too, after Services (kubectl's "all" category).
    const getsAll = f.positionals[0].split(',').includes('all');
    const dsResource = DERIVED.find((d) => d.kind === 'DaemonSet')!;
    const daemonSets = () => listDerived(dsResource, this.api, this.env.net, all ? null : ns).filter((x) => matches({ meta: { labels: x.labels } } as ApiObject));
    const found: ApiObject[] = [];
    let status = 0;
    const errors: string[] = [];
    const byKind = new Map<Kind, ApiObject[]>();
    for (const t of targets) {
      let objs: ApiObject[];
      if (t.name !== undefined) {
        const o = this.lookup(t.r, ns, t.name);
        if (!o) {
          errors.push(notFound(t.r, t.name));
          status = 1;
          continue;
        }
        objs = [o];
      } else {
        objs = this.api.list(t.r.kind, t.r.namespaced && !all ? ns : null).filter(matches);
      }
      found.push(...objs);
      byKind.set(t.r.kind, [...(byKind.get(t.r.kind) ?? []), ...objs]);
    }
    const now = this.api.now();
    if (output === 'yaml' || output === 'json' || isJsonpath) {
      const single = targets.length === 1 && targets[0].name !== undefined;
      const value = single && found.length === 1 ? toManifest(found[0]) : listOf(found.map(toManifest));
      // Named objects that are all missing print only their errors.
      if (!(named && found.length === 0)) {
        if (isJsonpath) {
          try {
            io.out(jsonpath(output.slice(output.indexOf('=') + 1), value));
          } catch (e) {
            fail(`error: error parsing jsonpath ${output.slice(output.indexOf('=') + 1)}, ${(e as Error).message}`);
          }
        } else io.out(output === 'yaml' ? toYaml(value) : toJson(value));
      }
    } else if (custom) {
      if (found.length) for (const l of customColumns(custom, found.map(toManifest), bool(f, 'no-headers'))) io.out(`${l}\n`);
    } else if (output === 'name') {
      for (const o of found) {
        io.out(`${qualifiedSingular(resourceOf(o.kind))}/${o.meta.name}\n`);
        // DaemonSets come right after the last Service, as in the tables.
        const next = found[found.indexOf(o) + 1];
        if (getsAll && o.kind === 'Service' && next?.kind !== 'Service') for (const x of daemonSets()) io.out(`daemonset.apps/${x.name}\n`);
      }
    } else {
      const kinds = [...byKind.keys()];
      const multi = withKinds || kinds.length > 1 || f.positionals[0] === 'all' || f.positionals[0].includes('/');
      const blocks: string[][] = [];
      for (const k of kinds) {
        const objs = byKind.get(k)!;
        if (objs.length === 0) continue;
        const r = resourceOf(k);
        blocks.push(
          table(objs, {
            wide: output === 'wide',
            showLabels: bool(f, 'show-labels'),
            labelColumns: values(f, 'label-columns').flatMap((v) => v.split(',')).filter(Boolean),
            allNamespaces: all && r.namespaced,
            withKind: multi ? qualifiedSingular(r) : null,
            noHeaders: bool(f, 'no-headers'),
            now,
          }),
        );
        if (k === 'Service' && getsAll) blocks.push(derivedTable(dsResource, daemonSets(), this.derivedOptions(f, true)));
      }
      io.out(blocks.filter((b) => b.length).map((b) => b.join('\n') + '\n').join('\n'));
    }
    for (const e of errors) io.err(`${e}\n`);
    if (found.length === 0 && errors.length === 0 && output !== 'yaml' && output !== 'json' && !isJsonpath) {
      const clusterScoped = targets.every((t) => !t.r.namespaced);
      io.err(all || clusterScoped ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    }
    return status;
  }

  private derivedOptions(f: ParsedFlags, withKind: boolean): DerivedGetOptions {
    return {
      namespace: this.ns(f),
      allNamespaces: bool(f, 'all-namespaces'),
      output: value(f, 'output') ?? '',
      showLabels: bool(f, 'show-labels'),
      noHeaders: bool(f, 'no-headers'),
      selector: value(f, 'selector'),
      now: this.api.now(),
      withKind,
    };
  }

  /** get with a derived kind (daemonsets, configmaps, endpointslices, events ...), alone or among stored kinds. */
  private getWithDerived(f: ParsedFlags, io: CommandIo): number {
    const output = value(f, 'output') ?? '';
    if (!['', 'wide', 'yaml', 'json', 'name'].includes(output) && !output.startsWith('jsonpath=') && !output.startsWith('custom-columns=')) fail(noPrinter(output));
    const slashed = f.positionals.every((p) => p.includes('/'));
    if (bool(f, 'all-namespaces') && (slashed || f.positionals.length > 1)) fail(NAME_ACROSS_NAMESPACES);
    const stored = { get: (positionals: string[], out: CommandIo, withKinds: boolean) => this.get({ ...f, positionals }, out, withKinds), checkType: (t: string) => void this.resource(t) };
    return getWithDerivedKinds(f.positionals, this.derivedOptions(f, false), this.api, this.env.net, stored, io);
  }

  private getNodes(f: ParsedFlags, io: CommandIo): number {
    const wide = value(f, 'output') === 'wide';
    const rows = [['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', ...(wide ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : [])]];
    const age = humanDuration(this.api.now() - this.clusterBorn());
    for (const n of NODES) {
      rows.push([n.name, 'Ready', n.controlPlane ? 'control-plane' : '<none>', age, 'v1.35.0', ...(wide ? [n.ip, '<none>', 'Ubuntu 24.04.3 LTS', '6.8.0-86-generic', 'containerd://2.1.4'] : [])]);
    }
    if (bool(f, 'show-labels')) {
      rows[0].push('LABELS');
      NODES.forEach((n, i) => rows[i + 1].push(`beta.kubernetes.io/arch=amd64,beta.kubernetes.io/os=linux,kubernetes.io/arch=amd64,kubernetes.io/hostname=${n.name},kubernetes.io/os=linux${n.controlPlane ? ',node-role.kubernetes.io/control-plane=' : ''}`));
    }
    for (const l of tabwrite(rows.map((r) => r.join('\t')).join('\n'), GET_TABLE)) io.out(`${l}\n`);
    return 0;
  }

  private clusterBorn(): number {
    return this.api.get('Namespace', '', 'kube-system')?.meta.created ?? this.api.now();
  }

  private apiResources(io: CommandIo): number {
    const rows = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']];
    const all = [...RESOURCES].sort((a, b) => (a.plural < b.plural ? -1 : 1));
    for (const r of all) rows.push([r.plural, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind]);
    for (const l of tabwrite(rows.map((r) => r.join('\t')).join('\n'), GET_TABLE)) io.out(`${l}\n`);
    return 0;
  }

  // ---- describe ------------------------------------------------------------------------

  private describe(f: ParsedFlags, io: CommandIo): number {
    const ns = this.ns(f);
    const all = bool(f, 'all-namespaces');
    if (f.positionals.length === 0) fail(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\nerror: Required resource not specified.`);
    const derived = findDerived(f.positionals[0].split('/')[0]);
    if (derived) return this.describeDerived(derived, f, io);
    const targets = this.targets(f.positionals);
    this.refuseNameAcrossNamespaces(f, targets);
    const matches = this.selectorFilter(f);
    const texts: string[] = [];
    const errors: string[] = [];
    for (const t of targets) {
      let objs: ApiObject[];
      if (t.name !== undefined) {
        const exact = this.lookup(t.r, ns, t.name);
        // describe falls back to a name prefix: `describe pod web` shows web-5f9c...-k2x9q.
        objs = exact ? [exact] : this.api.list(t.r.kind, t.r.namespaced ? ns : null).filter((o) => o.meta.name.startsWith(t.name!));
        if (objs.length === 0) {
          errors.push(notFound(t.r, t.name));
          continue;
        }
      } else objs = this.api.list(t.r.kind, t.r.namespaced && !all ? ns : null).filter(matches);
      for (const o of objs) texts.push(describeObject(o, this.env.net, (d) => this.currentReplicaSet(d)).join('\n') + '\n');
    }
    io.out(texts.join('\n\n'));
    for (const e of errors) io.err(`${e}\n`);
    if (texts.length === 0 && errors.length === 0) io.err(all ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return errors.length ? 1 : 0;
  }

  /** describe of a derived kind: the same "No resources found" and NotFound as get; objects that exist are not described. */
  private describeDerived(d: DerivedResource, f: ParsedFlags, io: CommandIo): number {
    const slashed = f.positionals[0].includes('/');
    const names = slashed ? f.positionals.map((p) => p.slice(p.indexOf('/') + 1)) : f.positionals.slice(1);
    const listed: string[] = [];
    const code = getDerived([d], names, { ...this.derivedOptions(f, false), output: 'name' }, this.api, this.env.net, { ...io, out: (t) => void listed.push(t) });
    if (listed.length) fail(`error: the console lists ${d.plural} (kubectl get ${d.plural}) but does not describe them`);
    return code;
  }

  private currentReplicaSet(d: DeploymentObject) {
    return this.api.list('ReplicaSet', d.meta.namespace).find((rs) => rs.meta.owner?.uid === d.meta.uid && rs.replicas === d.replicas && rs.replicas > 0) ??
      this.api.list('ReplicaSet', d.meta.namespace).find((rs) => rs.meta.owner?.uid === d.meta.uid);
  }

  // ---- apply / create -f ---------------------------------------------------------------

  private readSources(f: ParsedFlags, io: CommandIo): { source: string; text: string }[] {
    const files = values(f, 'filename');
    if (files.length === 0) fail(`error: must specify one of -f and -k`);
    return files.map((file) => {
      if (file === '-') return { source: 'STDIN', text: io.stdin };
      if (/^https?:\/\//.test(file)) fail(`error: unable to read URL "${file}", server reported 404 Not Found, status code=404`);
      const text = this.env.readFile(file);
      if (text === undefined) fail(`error: the path "${file}" does not exist`);
      return { source: file, text };
    });
  }

  private async applyOrCreate(f: ParsedFlags, io: CommandIo, mode: 'apply' | 'create'): Promise<number> {
    const sources = this.readSources(f, io);
    const explicitNs = value(f, 'namespace') ?? null;
    const dry = value(f, 'dry-run');
    const dryText = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
    let status = 0;
    for (const { source, text } of sources) {
      const docs = decodeManifests(text, source, explicitNs ?? (this.env.namespace() === 'default' ? null : this.env.namespace()), mode === 'apply' ? 'applying' : 'creating');
      if (docs.length === 0) {
        fail(`error: no objects passed to ${mode}`);
      }
      for (const d of docs) {
        if (!d.ok) {
          io.err(`${d.error}\n`);
          status = 1;
          continue;
        }
        for (const w of d.warnings) io.err(`${w}\n`);
        const r = resourceOf(d.desired.kind);
        const ns = r.namespaced ? d.desired.namespace : '';
        if (r.namespaced && !this.api.namespaceExists(ns)) {
          io.err(`Error from server (NotFound): error when creating "${source}": namespaces "${ns}" not found\n`);
          status = 1;
          continue;
        }
        const nameProblem = this.nameProblem(d.desired);
        if (nameProblem) {
          io.err(`${nameProblem}\n`);
          status = 1;
          continue;
        }
        const existing = this.api.get(d.desired.kind, ns, d.desired.name);
        const label = `${qualifiedSingular(r)}/${d.desired.name}`;
        if (mode === 'create') {
          if (existing) {
            io.err(`Error from server (AlreadyExists): error when creating "${source}": ${qualifiedPlural(r)} "${d.desired.name}" already exists\n`);
            status = 1;
            continue;
          }
          if (!dry) this.createFrom(d.desired, bool(f, 'save-config'));
          io.out(`${label} created${dryText}\n`);
          continue;
        }
        if (!existing) {
          if (!dry) this.createFrom(d.desired, true);
          io.out(`${label} created${dryText}\n`);
          continue;
        }
        const patchedAnnotation = !existing.meta.annotations[LAST_APPLIED];
        if (patchedAnnotation) {
          io.err(
            `Warning: resource ${qualifiedPlural(r)}/${d.desired.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
          );
        }
        // Patching the missing annotation is itself a change.
        const changed = (dry ? this.wouldChange(existing, d.desired) : this.updateFrom(existing, d.desired)) || patchedAnnotation;
        io.out(`${label} ${changed ? 'configured' : 'unchanged'}${dryText}\n`);
      }
    }
    return status;
  }

  private nameProblem(d: Desired): string | null {
    const rule = d.kind === 'Namespace' ? isDns1123Label : d.kind === 'Service' ? isDns1035Label : isDns1123Subdomain;
    const problems = rule(d.name);
    if (problems.length === 0) return null;
    return `The ${d.kind} "${d.name}" is invalid: metadata.name: Invalid value: "${d.name}": ${problems[0]}`;
  }

  /**
   * What kubectl apply stores as last-applied-configuration: the object as given, its namespace
   * defaulted, its annotations (an empty map when it has none) without the annotation itself,
   * marshalled as Go marshals a map: keys sorted.
   */
  private lastApplied(d: Desired): string {
    const raw = JSON.parse(JSON.stringify(d.raw ?? {})) as Record<string, unknown>;
    const meta = (raw.metadata && typeof raw.metadata === 'object' ? raw.metadata : (raw.metadata = {})) as Record<string, unknown>;
    const annotations = { ...((meta.annotations as Record<string, string> | undefined) ?? {}) };
    delete annotations[LAST_APPLIED];
    meta.annotations = annotations;
    if (d.kind !== 'Namespace' && meta.namespace === undefined) meta.namespace = d.namespace;
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    return JSON.stringify(sorted(raw)) + '\n';
  }

  private createFrom(d: Desired, saveConfig: boolean): ApiObject {
    const api = this.api;
    const meta = api.newMeta(d.name, d.kind === 'Namespace' ? '' : d.namespace, d.labels);
    meta.annotations = { ...d.annotations };
    if (saveConfig) meta.annotations[LAST_APPLIED] = this.lastApplied(d);
    switch (d.kind) {
      case 'Namespace': {
        meta.labels[METADATA_NAME_LABEL] = d.name;
        const o: NamespaceObject = { kind: 'Namespace', meta };
        api.put(o);
        return o;
      }
      case 'NetworkPolicy': {
        const o: NetworkPolicyObject = { kind: 'NetworkPolicy', meta, policy: d.policy };
        api.put(o);
        return o;
      }
      case 'Service': {
        const o: ServiceObject = { kind: 'Service', meta, selector: { ...d.selector }, ports: d.ports.map((p) => ({ ...p })), clusterIP: d.clusterIP ?? '' };
        api.createService(o);
        return o;
      }
      case 'Deployment': {
        const o: DeploymentObject = { kind: 'Deployment', meta, replicas: d.replicas, selector: { ...d.selector }, template: { labels: { ...d.template.labels }, containers: d.template.containers.map(cloneContainer) } };
        meta.annotations['deployment.kubernetes.io/revision'] = '1';
        api.createDeployment(o);
        return o;
      }
      case 'Pod': {
        const o = api.newPod(meta, d.containers.map(cloneContainer), d.restartPolicy);
        api.put(o);
        return o;
      }
    }
  }

  /** Three-way label merge: labels the last apply set and this one drops go; labels set by others stay. */
  private mergeLabels(existing: ApiObject, d: Desired): Record<string, string> {
    const last = existing.meta.annotations[LAST_APPLIED];
    let lastLabels: Record<string, string> = {};
    if (last) {
      try {
        const parsed = JSON.parse(last) as { metadata?: { labels?: Record<string, string> } };
        lastLabels = parsed.metadata?.labels ?? {};
      } catch {
        lastLabels = {};
      }
    }
    const out = { ...existing.meta.labels };
    for (const k of Object.keys(lastLabels)) if (!(k in d.labels)) delete out[k];
    Object.assign(out, d.labels);
    if (existing.kind === 'Namespace') out[METADATA_NAME_LABEL] = existing.meta.name;
    return out;
  }

  private specKey(o: ApiObject): string {
    const m = toManifest(o) as { spec?: unknown };
    return JSON.stringify([o.meta.labels, m.spec ?? null]);
  }

  private wouldChange(existing: ApiObject, d: Desired): boolean {
    return this.specKey(existing) !== this.specKey(this.preview(existing, d));
  }

  private preview(existing: ApiObject, d: Desired): ApiObject {
    const copy = structuredClone(existing);
    this.applyDesired(copy, d);
    return copy;
  }

  private applyDesired(o: ApiObject, d: Desired): void {
    o.meta.labels = this.mergeLabels(o, d);
    if (o.kind === 'NetworkPolicy' && d.kind === 'NetworkPolicy') o.policy = d.policy;
    if (o.kind === 'Service' && d.kind === 'Service') {
      o.selector = { ...d.selector };
      o.ports = d.ports.map((p) => ({ ...p }));
    }
    if (o.kind === 'Deployment' && d.kind === 'Deployment') {
      o.replicas = d.replicas;
      o.selector = { ...d.selector };
      o.template = { labels: { ...d.template.labels }, containers: d.template.containers.map(cloneContainer) };
    }
  }

  /** Applies the desired state; returns whether anything changed. */
  private updateFrom(existing: ApiObject, d: Desired): boolean {
    const before = this.specKey(existing);
    if (existing.kind === 'Pod' && d.kind === 'Pod') {
      const now = JSON.stringify(existing.containers.map((c) => [c.image, c.command, c.args]));
      const want = JSON.stringify(d.containers.map((c) => [c.image, c.command, c.args]));
      if (now !== want && existing.containers.some((c, i) => c.image !== d.containers[i]?.image) === false) {
        fail(`The Pod "${d.name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`);
      }
    }
    this.applyDesired(existing, d);
    existing.meta.annotations[LAST_APPLIED] = this.lastApplied(d);
    const changed = before !== this.specKey(existing);
    if (changed) {
      existing.meta.generation++;
      this.api.touch(existing);
      if (existing.kind === 'Deployment') this.api.reconcileDeployment(existing);
    } else this.api.put(existing, false);
    return changed;
  }

  // ---- create ------------------------------------------------------------------------------

  private async create(f: ParsedFlags, io: CommandIo): Promise<number> {
    if (values(f, 'filename').length) return this.applyOrCreate(f, io, 'create');
    const [what, name, ...extra] = f.positionals;
    if (!what) fail(`error: must specify one of -f and -k`);
    const dry = value(f, 'dry-run');
    const output = value(f, 'output');
    if (what === 'namespace' || what === 'ns') {
      if (!name) fail('error: exactly one NAME is required, got 0');
      if (extra.length) fail(`error: exactly one NAME is required, got ${1 + extra.length}`);
      const bad = isDns1123Label(name);
      if (bad.length) fail(`The Namespace "${name}" is invalid: metadata.name: Invalid value: "${name}": ${bad[0]}`);
      if (this.api.namespaceExists(name)) fail(`Error from server (AlreadyExists): namespaces "${name}" already exists`);
      if (dry) return this.printDry({ kind: 'Namespace', meta: this.api.newMeta(name, '', { [METADATA_NAME_LABEL]: name }) }, output, io);
      this.api.createNamespace(name);
      io.out(`namespace/${name} created\n`);
      return 0;
    }
    if (what === 'deployment' || what === 'deploy') {
      if (!name) fail('error: exactly one NAME is required, got 0');
      const image = values(f, 'image');
      if (image.length === 0) fail('error: required flag(s) "image" not set');
      const ns = this.ns(f);
      const replicasText = value(f, 'replicas') ?? '1';
      if (!/^\d+$/.test(replicasText)) fail(`error: invalid argument "${replicasText}" for "-r, --replicas" flag: strconv.ParseInt: parsing "${replicasText}": invalid syntax`);
      const portText = value(f, 'port');
      if (portText !== undefined && !/^\d+$/.test(portText)) fail(`error: invalid argument "${portText}" for "--port" flag: strconv.ParseInt: parsing "${portText}": invalid syntax`);
      const bad = isDns1123Subdomain(name);
      if (bad.length) fail(`error: failed to create deployment: Deployment.apps "${name}" is invalid: metadata.name: Invalid value: "${name}": ${bad[0]}`);
      if (!this.api.namespaceExists(ns)) fail(`error: failed to create deployment: namespaces "${ns}" not found`);
      if (this.api.get('Deployment', ns, name)) fail(`error: failed to create deployment: deployments.apps "${name}" already exists`);
      const command = f.rest ?? [];
      if (image.length > 1 && command.length) fail('error: cannot specify multiple --image options and command');
      const containers: Container[] = image.map((img) => ({
        name: containerName(img),
        image: img,
        command: [...command],
        args: [],
        ports: portText !== undefined && portText !== '0' ? [{ port: Number(portText), protocol: 'TCP' as Protocol }] : [],
      }));
      const labels = { app: name };
      const meta = this.api.newMeta(name, ns, labels);
      meta.annotations['deployment.kubernetes.io/revision'] = '1';
      const d: DeploymentObject = { kind: 'Deployment', meta, replicas: Number(replicasText), selector: { ...labels }, template: { labels: { ...labels }, containers } };
      if (dry) return this.printDry(d, output, io);
      this.api.createDeployment(d);
      io.out(`deployment.apps/${name} created\n`);
      return 0;
    }
    if (what === 'service' || what === 'svc') {
      const [type, svcName] = [name, extra[0]];
      if (type !== 'clusterip') fail(`error: the console simulates ClusterIP Services only ("kubectl create service clusterip NAME --tcp=PORT:TARGET")`);
      if (!svcName) fail('error: exactly one NAME is required, got 0');
      const ns = this.ns(f);
      this.requireNamespace(ns);
      const tcp = values(f, 'tcp');
      if (tcp.length === 0) fail('error: at least one tcp port specifier must be provided');
      const ports: ServicePort[] = [];
      for (const spec of tcp) {
        const m = /^(\d+)(?::(\d+|[a-z0-9-]+))?$/.exec(spec);
        if (!m) fail(`error: invalid port: ${spec}`);
        ports.push({ name: `${m[1]}-${m[2] ?? m[1]}`, port: Number(m[1]), targetPort: m[2] === undefined ? Number(m[1]) : /^\d+$/.test(m[2]) ? Number(m[2]) : m[2], protocol: 'TCP' });
      }
      if (this.api.get('Service', ns, svcName)) fail(`error: failed to create ClusterIP service: services "${svcName}" already exists`);
      const svc: ServiceObject = { kind: 'Service', meta: this.api.newMeta(svcName, ns, { app: svcName }), selector: { app: svcName }, ports, clusterIP: '' };
      this.api.createService(svc);
      io.out(`service/${svcName} created\n`);
      return 0;
    }
    // Not a generator (kubectl create has none for NetworkPolicies): create.go's Complete refuses the words.
    fail(`error: Unexpected args: [${f.positionals.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  }

  private printDry(o: ApiObject, output: string | undefined, io: CommandIo): number {
    const m = toManifest(o) as Record<string, unknown>;
    const meta = m.metadata as Record<string, unknown>;
    delete meta.uid;
    delete meta.resourceVersion;
    delete meta.generation;
    meta.creationTimestamp = null;
    if (o.kind !== 'Namespace') delete m.status;
    if (output === 'yaml') io.out(toYaml(m));
    else if (output === 'json') io.out(toJson(m));
    else io.out(`${qualifiedSingular(resourceOf(o.kind))}/${o.meta.name} created (dry run)\n`);
    return 0;
  }

  // ---- delete ------------------------------------------------------------------------------

  /** delete.go's PrintObj: KIND "NAME" deleted [from NS namespace] [(dry run)], or KIND/NAME with -o name. */
  private deletedLine(o: ApiObject, f?: ParsedFlags): string {
    const r = resourceOf(o.kind);
    if (f && value(f, 'output') === 'name') return `${qualifiedSingular(r)}/${o.meta.name}\n`;
    const dry = f ? value(f, 'dry-run') : undefined;
    const mark = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
    return `${qualifiedSingular(r)} "${o.meta.name}" deleted${r.namespaced ? ` from ${o.meta.namespace} namespace` : ''}${mark}\n`;
  }

  private deleteOne(o: ApiObject, io: CommandIo, f?: ParsedFlags): boolean {
    if (o.kind === 'Namespace' && PROTECTED_NAMESPACES.includes(o.meta.name)) {
      io.err(`Error from server (Forbidden): namespaces "${o.meta.name}" is forbidden: this namespace may not be deleted\n`);
      return false;
    }
    const dry = f ? value(f, 'dry-run') : undefined;
    if (dry !== 'client' && dry !== 'server') this.api.remove(o.kind, o.meta.namespace, o.meta.name);
    io.out(this.deletedLine(o, f));
    return true;
  }

  private delete(f: ParsedFlags, io: CommandIo): number {
    const ns = this.ns(f);
    const ignore = bool(f, 'ignore-not-found');
    let status = 0;
    if (values(f, 'filename').length) {
      for (const { source, text } of this.readSources(f, io)) {
        for (const d of decodeManifests(text, source, value(f, 'namespace') ?? null, 'creating')) {
          if (!d.ok) {
            io.err(`${d.error}\n`);
            status = 1;
            continue;
          }
          const r = resourceOf(d.desired.kind);
          const o = this.api.get(d.desired.kind, r.namespaced ? d.desired.namespace : '', d.desired.name);
          if (!o) {
            if (!ignore) {
              io.err(`Error from server (NotFound): error when deleting "${source}": ${qualifiedPlural(r)} "${d.desired.name}" not found\n`);
              status = 1;
            }
            continue;
          }
          if (!this.deleteOne(o, io, f)) status = 1;
        }
      }
      return status;
    }
    if (f.positionals.length === 0) fail('error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
    const targets = this.targets(f.positionals);
    const sel = value(f, 'selector');
    const everything = bool(f, 'all');
    // -A widens --all and -l to every namespace (the namespace of -n is then ignored), as
    // kubectl's resource builder does; a name needs one namespace.
    const allNamespaces = bool(f, 'all-namespaces');
    if (everything && sel) fail('error: cannot set --all and --selector at the same time');
    if (targets.every((t) => t.name === undefined) && !sel && !everything) fail('error: resource(s) were provided, but no name was specified');
    this.refuseNameAcrossNamespaces(f, targets);
    const matches = this.selectorFilter(f);
    let deleted = 0;
    for (const t of targets) {
      if (t.name !== undefined) {
        const o = this.lookup(t.r, ns, t.name);
        if (!o) {
          if (!ignore) {
            io.err(`${notFound(t.r, t.name)}\n`);
            status = 1;
          }
          continue;
        }
        if (this.deleteOne(o, io, f)) deleted++;
        else status = 1;
      } else {
        for (const o of this.api.list(t.r.kind, t.r.namespaced && !allNamespaces ? ns : null).filter(matches)) {
          if (this.deleteOne(o, io, f)) deleted++;
          else status = 1;
        }
      }
    }
    // kubectl delete says this on stdout (kubectl get, on stderr).
    if (deleted === 0 && status === 0 && targets.every((t) => t.name === undefined)) io.out(`No resources found\n`);
    return status;
  }

  // ---- label -------------------------------------------------------------------------------

  private label(f: ParsedFlags, io: CommandIo): number {
    const ns = this.ns(f);
    const resourceArgs: string[] = [];
    const specs: string[] = [];
    for (const p of f.positionals) {
      if (p.includes('=') || (p.endsWith('-') && resourceArgs.length > (resourceArgs[0]?.includes('/') ? 0 : 1))) specs.push(p);
      else if (p.endsWith('-') && resourceArgs.length >= 1) specs.push(p);
      else resourceArgs.push(p);
    }
    if (resourceArgs.length === 0) fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (specs.length === 0 && !bool(f, 'list')) fail('error: at least one label update is required');
    const add: Record<string, string> = {};
    const remove: string[] = [];
    for (const s of specs) {
      if (s.includes('=')) {
        const parts = s.split('=');
        if (parts.length !== 2) fail(`error: invalid label spec: ${s}`);
        const bad = isValidLabelValue(parts[1]);
        if (bad.length) fail(`error: invalid label value: "${s}": ${bad.join(';')}`);
        add[parts[0]] = parts[1];
      } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
      else fail(`error: unknown label spec: ${s}`);
    }
    for (const k of remove) if (k in add) fail('error: can not both modify and remove a label in the same command');
    const targets = this.targets(resourceArgs);
    const everything = bool(f, 'all') || value(f, 'selector') !== undefined;
    if (targets.some((t) => t.name === undefined) && !everything) fail('error: resource(s) were provided, but no name was specified');
    const matches = this.selectorFilter(f);
    let status = 0;
    for (const t of targets) {
      const objs = t.name !== undefined ? [this.lookup(t.r, ns, t.name)] : this.api.list(t.r.kind, t.r.namespaced ? ns : null).filter(matches);
      for (const o of objs) {
        if (!o) {
          io.err(`${notFound(t.r, t.name!)}\n`);
          status = 1;
          continue;
        }
        if (bool(f, 'list')) {
          for (const [k, v] of Object.entries(o.meta.labels)) io.out(`${k}=${v}\n`);
          continue;
        }
        if (!bool(f, 'overwrite')) {
          const clashes = Object.entries(add).filter(([k, v]) => k in o.meta.labels && o.meta.labels[k] !== v);
          if (clashes.length) {
            fail(clashes.map(([k]) => `error: '${k}' already has a value (${o.meta.labels[k]}), and --overwrite is false`).join('\n'));
          }
        }
        for (const k of Object.keys(add)) {
          const bad = isQualifiedName(k);
          if (bad.length) fail(`The ${o.kind} "${o.meta.name}" is invalid: metadata.labels: Invalid value: "${k}": ${bad[0]}`);
        }
        // label.go: a client dry run labels a copy, says nothing of missing keys and marks its message.
        const dry = value(f, 'dry-run');
        const dryRun = dry === 'client' || dry === 'server';
        if (dry !== 'client') for (const k of remove) if (!(k in o.meta.labels)) io.out(`label "${k}" not found.\n`);
        let added = 0;
        let removed = 0;
        const labels = { ...o.meta.labels };
        for (const [k, v] of Object.entries(add)) {
          if (labels[k] !== v) {
            labels[k] = v;
            added++;
          }
        }
        for (const k of remove) {
          if (k in labels) {
            delete labels[k];
            removed++;
          }
        }
        // The API server keeps kubernetes.io/metadata.name equal to the namespace's name.
        if (o.kind === 'Namespace') labels[METADATA_NAME_LABEL] = o.meta.name;
        const msg = added && removed ? 'modified' : added ? 'labeled' : removed ? 'unlabeled' : 'not labeled';
        const output = value(f, 'output');
        // -o prints the object as labelled (the server's answer, or the dry run's copy) instead of the message.
        const show = (x: ApiObject) => {
          if (output === 'yaml' || output === 'json') io.out(output === 'yaml' ? toYaml(toManifest(x)) : toJson(toManifest(x)));
          else if (output === 'name') io.out(`${qualifiedSingular(t.r)}/${o.meta.name}\n`);
        };
        if (dryRun) {
          show({ ...o, meta: { ...o.meta, labels } } as ApiObject);
          if (!output) io.out(`${qualifiedSingular(t.r)}/${o.meta.name} ${msg} (${dry === 'server' ? 'server dry run' : 'dry run'})\n`);
          continue;
        }
        if (added || removed) {
          o.meta.labels = labels;
          this.api.touch(o);
          if (o.kind === 'Pod' && o.meta.owner?.kind === 'ReplicaSet') {
            const rs = this.api.get('ReplicaSet', o.meta.namespace, o.meta.owner.name);
            if (rs) this.api.reconcileReplicaSet(rs);
          }
        }
        show(o);
        if (!output) io.out(`${qualifiedSingular(t.r)}/${o.meta.name} ${msg}\n`);
      }
    }
    return status;
  }

  // ---- expose ------------------------------------------------------------------------------

  private expose(f: ParsedFlags, io: CommandIo): number {
    const ns = this.ns(f);
    const [first, second] = f.positionals;
    if (!first) fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    const t = first.includes('/') ? { r: this.resource(first.split('/')[0]), name: first.slice(first.indexOf('/') + 1) } : { r: this.resource(first), name: second };
    if (!t.name) fail('error: resource(s) were provided, but no name was specified');
    const o = this.lookup(t.r, ns, t.name);
    if (!o) fail(notFound(t.r, t.name));
    let selector: Record<string, string>;
    let ports: ContainerPort[];
    if (o.kind === 'Deployment' || o.kind === 'ReplicaSet') {
      selector = { ...o.selector };
      ports = o.template.containers.flatMap((c) => c.ports);
    } else if (o.kind === 'Pod') {
      selector = { ...o.meta.labels };
      ports = o.containers.flatMap((c) => c.ports);
    } else if (o.kind === 'Service') {
      selector = { ...o.selector };
      ports = o.ports.map((p) => ({ port: p.port, protocol: p.protocol, name: p.name }));
    } else fail(`error: cannot expose a ${o.kind}`);
    if (value(f, 'selector')) {
      selector = {};
      for (const part of value(f, 'selector')!.split(',')) {
        const [k, v] = part.split('=');
        selector[k] = v ?? '';
      }
    }
    if (Object.keys(selector).length === 0) fail(`error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed`);
    const portText = value(f, 'port');
    const protocol = (value(f, 'protocol') ?? 'TCP') as Protocol;
    if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) fail(`The Service "${value(f, 'name') ?? t.name}" is invalid: spec.ports[0].protocol: Unsupported value: "${protocol}": supported values: "SCTP", "TCP", "UDP"`);
    const targetText = value(f, 'target-port');
    let svcPorts: ServicePort[];
    if (portText !== undefined) {
      if (!/^\d+$/.test(portText)) fail(`error: invalid argument "${portText}" for "--port" flag: strconv.ParseInt: parsing "${portText}": invalid syntax`);
      const port = Number(portText);
      const targetPort = targetText === undefined ? port : /^\d+$/.test(targetText) ? Number(targetText) : targetText;
      svcPorts = [{ port, targetPort, protocol }];
    } else {
      if (ports.length === 0) fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
      svcPorts = ports.map((p, i) => ({
        ...(ports.length > 1 ? { name: p.name ?? `port-${i + 1}` } : {}),
        port: p.port,
        targetPort: targetText === undefined ? p.port : /^\d+$/.test(targetText) ? Number(targetText) : targetText,
        protocol: p.protocol,
      }));
    }
    const name = value(f, 'name') ?? t.name;
    const bad = isDns1035Label(name);
    if (bad.length) fail(`The Service "${name}" is invalid: metadata.name: Invalid value: "${name}": ${bad[0]}`);
    const type = value(f, 'type') ?? 'ClusterIP';
    if (type !== 'ClusterIP') fail(`error: the console simulates ClusterIP Services only, not ${type}`);
    if (this.api.get('Service', ns, name)) fail(`Error from server (AlreadyExists): services "${name}" already exists`);
    // --labels/-l replaces the exposed object's labels (expose.go's parseLabels).
    const labels: Record<string, string> = value(f, 'labels') === undefined ? { ...o.meta.labels } : {};
    for (const spec of value(f, 'labels')?.split(',') ?? []) {
      const kv = spec.split('=');
      if (kv.length !== 2) fail(`error: unexpected label spec: ${spec}`);
      if (kv[0] === '') fail('error: unexpected empty label key');
      labels[kv[0]] = kv[1];
    }
    const svc: ServiceObject = { kind: 'Service', meta: this.api.newMeta(name, ns, labels), selector, ports: svcPorts, clusterIP: '' };
    if (value(f, 'dry-run')) return this.printDry(svc, value(f, 'output'), io);
    this.api.createService(svc);
    io.out(`service/${name} exposed\n`);
    return 0;
  }

  // ---- run ---------------------------------------------------------------------------------

  private async runPod(f: ParsedFlags, io: CommandIo): Promise<number> {
    const [name, ...extra] = f.positionals;
    if (!name) fail('error: NAME is required for run\nSee \'kubectl run -h\' for help and examples');
    const image = value(f, 'image');
    if (!image) fail('error: required flag(s) "image" not set');
    const ns = this.ns(f);
    const stdin = bool(f, 'stdin');
    const tty = bool(f, 'tty');
    if (tty && !stdin) fail('error: -i/--stdin is required for containers with -t/--tty=true');
    const attach = stdin || tty || bool(f, 'attach');
    if (bool(f, 'rm') && !attach) fail('error: --rm should only be used for attached containers');
    const restart = value(f, 'restart') ?? 'Always';
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) fail(`error: invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never`);
    const bad = isDns1123Subdomain(name);
    if (bad.length) fail(`The Pod "${name}" is invalid: metadata.name: Invalid value: "${name}": ${bad[0]}`);
    this.requireNamespace(ns);
    if (this.api.get('Pod', ns, name)) fail(`Error from server (AlreadyExists): pods "${name}" already exists`);
    let labels: Record<string, string> = { run: name };
    const labelText = value(f, 'labels');
    if (labelText !== undefined) {
      labels = {};
      for (const part of labelText.split(',')) {
        const kv = part.split('=');
        if (kv.length !== 2) fail(`error: unexpected label spec: ${part}`);
        if (kv[0] === '') fail('error: unexpected empty label key');
        labels[kv[0]] = kv[1];
      }
    }
    const argv = [...extra, ...(f.rest ?? [])];
    const portText = value(f, 'port');
    const container: Container = {
      name,
      image,
      command: bool(f, 'command') ? argv : [],
      args: bool(f, 'command') ? [] : argv,
      ports: portText !== undefined ? [{ port: Number(portText), protocol: 'TCP' }] : [],
    };
    const meta = this.api.newMeta(name, ns, labels);
    const dry = value(f, 'dry-run');
    if (dry) {
      const pod = this.api.newPod(meta, [container], restart as 'Never');
      return this.printDry(pod, value(f, 'output'), io);
    }
    if (!attach) {
      const pod = this.api.newPod(meta, [container], restart as 'Never');
      this.api.put(pod);
      io.out(`pod/${name} created\n`);
      if (argv.length && !podRunsForever([container])) {
        // The container runs its command once, now; what it printed is its log.
        const logs: string[] = [];
        const code = await this.env.runInPodAs(pod, argv, { stdin: '', out: (t) => logs.push(t), err: (t) => logs.push(t), vars: io.vars });
        pod.logs = logs.join('');
        if (restart !== 'Always') {
          pod.phase = code === 0 ? 'Succeeded' : 'Failed';
          pod.ip = '';
          this.api.touch(pod);
        }
      }
      return 0;
    }
    // Attached: the pod runs with an IP while its command runs, then stops (or is removed).
    const pod = this.api.newPod(meta, [container], 'Never');
    pod.phase = 'Running';
    delete pod.waitingReason;
    if (!pod.ip) pod.ip = this.api.allocatePodIp();
    this.api.put(pod);
    const finish = (code: number, out: CommandIo) => {
      if (bool(f, 'rm')) {
        this.api.remove('Pod', ns, name);
        out.out(`pod "${name}" deleted from ${ns} namespace\n`);
      } else {
        pod.phase = code === 0 ? 'Succeeded' : 'Failed';
        pod.ip = '';
        this.api.touch(pod);
      }
      if (code !== 0) out.err(`pod ${ns}/${name} terminated (Error)\n`);
    };
    const shellOnly = argv.length === 0 ? /busybox|alpine|ubuntu|debian/.test(image) : argv.length === 1 && /^(sh|bash|\/bin\/sh|\/bin\/bash|ash)$/.test(argv[0]);
    if (shellOnly && stdin) {
      if (tty) io.err("If you don't see a command prompt, try pressing enter.\n");
      this.env.attachShell(pod, (out) => finish(0, out));
      return 0;
    }
    const code = argv.length ? await this.env.runInPod(pod, argv, io) : 0;
    pod.logs = '';
    finish(code, io);
    return code === 0 ? 0 : 1;
  }

  // ---- exec --------------------------------------------------------------------------------

  private podFor(target: string, ns: string): PodObject {
    if (target.includes('/')) {
      const [type, name] = [target.slice(0, target.indexOf('/')), target.slice(target.indexOf('/') + 1)];
      const r = this.resource(type);
      const o = this.lookup(r, ns, name);
      if (!o) fail(notFound(r, name));
      if (o.kind === 'Pod') return o;
      let selector: Record<string, string>;
      if (o.kind === 'Deployment' || o.kind === 'ReplicaSet') selector = o.selector;
      else if (o.kind === 'Service') selector = o.selector;
      else fail(`error: cannot attach to ${qualifiedSingular(r)}: selector for ${qualifiedSingular(r)} not implemented`);
      const pods = this.api.list('Pod', ns).filter((p) => Object.entries(selector).every(([k, v]) => p.meta.labels[k] === v));
      // kubectl picks an active pod, preferring ready ones.
      pods.sort((a, b) => Number(!!a.waitingReason) - Number(!!b.waitingReason) || (a.phase === 'Running' ? -1 : 1) - (b.phase === 'Running' ? -1 : 1));
      if (pods.length === 0) fail(`error: unable to upgrade connection: no pods found for ${o.kind === 'Service' ? 'service' : qualifiedSingular(r)} ${name}`);
      return pods[0];
    }
    const p = this.api.get('Pod', ns, target);
    if (!p) fail(`Error from server (NotFound): pods "${target}" not found`);
    return p;
  }

  private async exec(f: ParsedFlags, io: CommandIo): Promise<number> {
    const ns = this.ns(f);
    const [target, ...more] = f.positionals;
    if (!target) fail("error: pod, type/name or --filename must be specified\nSee 'kubectl exec -h' for help and examples");
    if (more.length) fail("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
    const argv = f.rest ?? [];
    if (argv.length === 0) fail("error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples");
    const pod = this.podFor(target, ns);
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed') fail(`error: cannot exec into a container in a completed pod; current phase is ${pod.phase}`);
    if (pod.waitingReason) fail(`error: Internal error occurred: unable to upgrade connection: container not found ("${pod.containers[0].name}")`);
    const container = value(f, 'container');
    if (container && !pod.containers.some((c) => c.name === container)) fail(`error: container ${container} is not valid for pod ${pod.meta.name} out of: ${pod.containers.map((c) => c.name).join(', ')}`);
    if (!this.env.hasProgram(pod, argv[0])) {
      fail(
        `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${hex(pod.meta.uid + argv.join(' '), 64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
      );
    }
    if (bool(f, 'stdin') && argv.length === 1 && /^(sh|bash|ash|\/bin\/sh|\/bin\/bash)$/.test(argv[0])) {
      this.env.attachShell(pod, () => undefined);
      return 0;
    }
    const code = await this.env.runInPod(pod, argv, io);
    if (code !== 0) io.err(`command terminated with exit code ${code}\n`);
    return code;
  }

  // ---- scale --------------------------------------------------------------------------------

  private scale(f: ParsedFlags, io: CommandIo): number {
    const ns = this.ns(f);
    const replicasText = value(f, 'replicas');
    if (replicasText === undefined) fail('error: required flag(s) "replicas" not set');
    if (!/^\d+$/.test(replicasText)) fail(`error: invalid argument "${replicasText}" for "--replicas" flag: strconv.ParseInt: parsing "${replicasText}": invalid syntax`);
    const targets = this.targets(f.positionals);
    if (targets.length === 0) fail('error: resource(s) were provided, but no name was specified');
    for (const t of targets) {
      if (t.name === undefined) fail('error: resource(s) were provided, but no name was specified');
      const o = this.lookup(t.r, ns, t.name);
      if (!o) fail(notFound(t.r, t.name));
      if (o.kind !== 'Deployment' && o.kind !== 'ReplicaSet') fail(`error: no scaler has been implemented for {"${t.r.group}" "${o.kind}"}`);
      // scale.go: a dry run prints "scaled (dry run)" and leaves the object alone.
      const dry = value(f, 'dry-run');
      if (dry === 'client' || dry === 'server') {
        io.out(`${qualifiedSingular(t.r)}/${o.meta.name} scaled (${dry === 'server' ? 'server dry run' : 'dry run'})\n`);
        continue;
      }
      o.replicas = Number(replicasText);
      this.api.touch(o);
      if (o.kind === 'Deployment') this.api.reconcileDeployment(o);
      else this.api.reconcileReplicaSet(o);
      io.out(`${qualifiedSingular(t.r)}/${o.meta.name} scaled\n`);
    }
    return 0;
  }

  // ---- logs --------------------------------------------------------------------------------

  private logs(f: ParsedFlags, io: CommandIo): number {
    const ns = this.ns(f);
    const [target] = f.positionals;
    if (!target) fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
    const pod = this.podFor(target, ns);
    io.out(pod.logs);
    return 0;
  }

  // ---- edit --------------------------------------------------------------------------------

  private async editObject(f: ParsedFlags, io: CommandIo): Promise<number> {
    const ns = this.ns(f);
    const targets = this.targets(f.positionals);
    if (targets.length === 0) fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    if (targets.some((t) => t.name === undefined)) fail('error: resource(s) were provided, but no name was specified');
    if (!this.env.edit) fail('error: no editor available: set KUBE_EDITOR or EDITOR');
    let status = 0;
    for (const t of targets) {
      const o = this.lookup(t.r, ns, t.name!);
      if (!o) {
        io.err(`${notFound(t.r, t.name!)}\n`);
        status = 1;
        continue;
      }
      if (!(await this.editLoop(t.r, o, io))) status = 1;
    }
    return status;
  }

  /**
   * kubectl's edit loop (pkg/cmd/util/editor/editoptions.go): the object under a header; a
   * save the API server rejects reopens the editor with the reasons in the header, and a
   * second save without changes gives up, keeping a copy of the file. Messages as kubectl's,
   * the cancellations on stderr. Returns false when kubectl would exit 1.
   */
  private async editLoop(r: ResourceType, o: ApiObject, io: CommandIo): Promise<boolean> {
    const file = `/tmp/kubectl-edit-${hex(o.meta.uid, 10)}.yaml`;
    const original = EDIT_HEADER + toYaml(toManifest(o));
    const what = `${qualifiedPlural(r)} "${o.meta.name}"`;
    let reasons: string[] = [];
    let edited: string | undefined;
    const keepCopy = (text: string) => {
      this.env.writeFile?.(file, text);
      io.err(`A copy of your changes has been stored to "${file}"\n`);
    };
    for (;;) {
      const retry = edited !== undefined && reasons.length > 0;
      const shown = retry ? EDIT_HEADER + reasons.map((l) => `${l}\n`).join('') + manualStrip(edited!) : original;
      const saved = await this.env.edit!(shown, file);
      if (saved === null) {
        io.err(`error: there was a problem with the editor "${this.env.editorName?.() ?? 'vi'}"\n`);
        return false;
      }
      if (retry && stripComments(saved) === stripComments(edited!)) {
        keepCopy(saved);
        io.err('error: Edit cancelled, no valid changes were saved.\n');
        return false;
      }
      edited = saved;
      reasons = [];
      if (stripComments(saved) === stripComments(original)) {
        io.err('Edit cancelled, no changes made.\n');
        return true;
      }
      if (!saved.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) {
        io.err('Edit cancelled, saved file was empty.\n');
        return true;
      }
      const docs = decodeManifests(saved, file, o.meta.namespace || null, 'replacing');
      const d = docs[0];
      if (d && !d.ok && d.error.startsWith('error: error parsing ')) {
        // A syntax error: straight back to the editor, the reason in the header.
        reasons = [`# The edited file had a syntax error: ${d.error.replace(/^error: error parsing [^:]*: /, '')}`, '#'];
        continue;
      }
      if (!d || docs.length !== 1) fail('error: the edited file must hold exactly one object');
      if (!d.ok) {
        const causes = invalidCauses(d.error);
        if (causes) {
          // The API server said Invalid: kubectl says so and reopens the file with the causes.
          io.err(`error: ${what} is invalid\n`);
          reasons = [`# ${what} was not valid:`, ...causes.map((c) => `# * ${c}`), '#'];
          continue;
        }
        // Any other refusal (strict decoding: BadRequest) is not retried on the spot.
        keepCopy(saved);
        io.err(`error: ${what} could not be patched: ${d.error.replace(/^Error from server \(\w+\): error when replacing "[^"]*": /, '').replace(/^error: /, '')}\n`);
        io.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
        return false;
      }
      if (d.desired.kind !== o.kind || d.desired.name !== o.meta.name) fail('error: At least one of apiVersion, kind and name was changed');
      if (r.namespaced && d.desired.namespace !== o.meta.namespace) {
        fail(`error: the namespace from the provided object "${d.desired.namespace}" does not match the namespace "${o.meta.namespace}". You must pass '--namespace=${d.desired.namespace}' to perform this operation.`);
      }
      // edit replaces: labels as written, spec as written.
      const before = this.specKey(o);
      o.meta.labels = { ...d.desired.labels };
      if (o.kind === 'Namespace') o.meta.labels[METADATA_NAME_LABEL] = o.meta.name;
      const lastApplied = o.meta.annotations[LAST_APPLIED];
      o.meta.annotations = { ...d.desired.annotations };
      if (lastApplied && !(LAST_APPLIED in d.desired.annotations)) o.meta.annotations[LAST_APPLIED] = lastApplied;
      const saveLabels = { ...o.meta.labels };
      this.applyDesired(o, { ...d.desired, labels: saveLabels } as Desired);
      o.meta.labels = saveLabels;
      if (this.specKey(o) === before) {
        // Only what the console does not keep changed (status, timestamps): an empty patch.
        io.out(`${qualifiedSingular(r)}/${o.meta.name} skipped\n`);
        return true;
      }
      o.meta.generation++;
      this.api.touch(o);
      if (o.kind === 'Deployment') this.api.reconcileDeployment(o);
      if (o.kind === 'Pod' && o.meta.owner?.kind === 'ReplicaSet') {
        const rs = this.api.get('ReplicaSet', o.meta.namespace, o.meta.owner.name);
        if (rs) this.api.reconcileReplicaSet(rs);
      }
      io.out(`${qualifiedSingular(r)}/${o.meta.name} edited\n`);
      return true;
    }
  }

  // ---- explain / config ------------------------------------------------------------------

  private explain(f: ParsedFlags, io: CommandIo): number {
    const [path] = f.positionals;
    if (!path) fail("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.");
    const text = explain(path, bool(f, 'recursive'));
    if (typeof text !== 'string') fail(text.error);
    io.out(text);
    return 0;
  }

  private config(f: ParsedFlags, io: CommandIo): number {
    const [what] = f.positionals;
    const context = 'kubernetes-admin@kubernetes';
    if (what === 'set-context') {
      const ns = value(f, 'namespace');
      if (!bool(f, 'current') && f.positionals[1] !== context) fail('error: you must specify a non-empty context name or --current');
      if (ns !== undefined) this.env.setNamespace(ns);
      io.out(`Context "${context}" modified.\n`);
      return 0;
    }
    if (what === 'current-context') {
      io.out(`${context}\n`);
      return 0;
    }
    if (what === 'get-contexts') {
      const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ['*', context, 'kubernetes', 'kubernetes-admin', this.env.namespace() === 'default' ? '' : this.env.namespace()]];
      for (const l of tabwrite(rows.map((r) => r.join('\t')).join('\n'), GET_TABLE)) io.out(`${l.trimEnd()}\n`);
      return 0;
    }
    if (what === 'view') {
      io.out(
        `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://172.30.1.2:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n${this.env.namespace() !== 'default' ? `    namespace: ${this.env.namespace()}\n` : ''}    user: kubernetes-admin\n  name: ${context}\ncurrent-context: ${context}\nkind: Config\npreferences: {}\nusers:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n`,
      );
      return 0;
    }
    if (what === undefined) {
      io.out(
        'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands (simulated):\n  current-context   Display the current-context\n  get-contexts      Describe one or many contexts\n  set-context       Set a context entry in kubeconfig (--current --namespace=NS)\n  view              Display merged kubeconfig settings\n\nUsage:\n  kubectl config SUBCOMMAND [options]\n',
      );
      return 0;
    }
    fail(`error: unknown command "${what}" for "kubectl config"`);
  }
}

function containerName(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split('@')[0].split(':')[0].replace(/[^a-z0-9-]/g, '-');
}

const EDIT_HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/** kubectl's ManualStrip: the lines that are not comments (`#!` is not one). */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!')))
    .join('\n');
}

/** kubectl's StripComments: the file as JSON when it parses (so layout does not count), else ManualStrip. */
function stripComments(text: string): string {
  try {
    const docs = parseAllDocuments(text, { version: '1.1' });
    if (docs.some((d) => d.errors.length)) return manualStrip(text);
    return JSON.stringify(docs.map((d) => d.toJS()));
  } catch {
    return manualStrip(text);
  }
}

/** The causes of an API server's Invalid error ("The X "n" is invalid: cause" or "* cause" lines), else null. */
function invalidCauses(error: string): string[] | null {
  const m = /^The \w+ "[^"]*" is invalid: ?([\s\S]*)$/.exec(error);
  if (!m) return null;
  const rest = m[1].trim();
  if (!rest.startsWith('* ')) return [rest];
  return rest.split('\n').map((l) => l.replace(/^\* /, ''));
}

const SUBCOMMANDS = ['get', 'describe', 'apply', 'create', 'delete', 'label', 'expose', 'run', 'exec', 'edit', 'explain', 'logs', 'scale', 'config', 'version', 'cluster-info', 'api-resources'];

function suggest(sub: string): string {
  const close = [...SUBCOMMANDS, ...OTHER_SUBCOMMANDS].sort().filter((s) => {
    if (Math.abs(s.length - sub.length) > 2) return false;
    let diff = 0;
    for (let i = 0; i < Math.max(s.length, sub.length); i++) if (s[i] !== sub[i]) diff++;
    return diff <= 2 || s.startsWith(sub);
  });
  return close.length ? `\n\nDid you mean this?\n${close.map((c) => `\t${c}`).join('\n')}` : '';
}

export const KUBECTL_SUBCOMMANDS = SUBCOMMANDS;

const HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Simulated here:
  get, describe, apply, create, delete, label, expose, run, exec, edit, explain,
  logs, config set-context/current-context/get-contexts/view, version, cluster-info, api-resources,
  events, top, auth can-i, rollout status

Usage:
  kubectl [flags] [options]
`;

