// The console: a learner's prompt on a simulated cluster. It owns the API server, the
// network, the files typed into the prompt and the history; runLine runs one piece of
// input (a line, or several joined by a here-document or `\`) and returns what a terminal
// would show. Pure: the terminal, the editor and the host's files are injected.
import type { Cluster, ExternalHost } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import type { Scenario } from '../bank/scenario.js';
import { preparedStep, clusterSpecsAt } from '../bank/prepare.js';
import { ApiServer } from './api-server.js';
import { Network, type Cni } from './network.js';
import type { PodObject } from './objects.js';
import { incompleteReason } from './shell-parse.js';
import { runShell, type Chunk, type CommandFn, type CommandIo, type ShellHost } from './shell-run.js';
import { awkCommand, catCommand, echoCommand, grepCommand, headCommand, printfCommand, sortCommand, tailCommand, uniqCommand, wcCommand } from './text-tools.js';
import { curl, nc, nslookup, podFile, wget, type PodEnv } from './pod-tools.js';
import { ping } from './ping.js';
import { Kubectl, KUBECTL_SUBCOMMANDS } from './kubectl/kubectl.js';
import { freshWorld, scenarioWorld } from './world.js';
import { imageName } from '../bank/cluster-spec.js';
import { completeLine } from './completion.js';
import { safeText } from '../text/safe-text.js';

export interface ConsoleOptions {
  /** Calico enforces NetworkPolicies; with Flannel they are accepted and ignored. Default: the scenario's CNI, else Calico. */
  cni?: Cni;
  /** The wall clock (ms); tests pass a fixed one. */
  now?: () => number;
  /** Time-outs and sleep take their real time (never in tests). */
  realTime?: boolean;
  /** Files outside the console (kubectl apply -f ./x.yaml from the host's directory). */
  readHostFile?: (path: string) => string | undefined;
  /** Opens $KUBE_EDITOR / $EDITOR on a text; resolves to the saved text or null. */
  editor?: (text: string, fileName: string) => Promise<string | null>;
  /** The editor's command, for kubectl's "there was a problem with the editor" message. */
  editorName?: () => string;
  /** Start on a scenario's cluster at a step (1-based). */
  scenario?: { scenario: Scenario; step: number };
  /** Extra environment for the learner's shell. */
  env?: Record<string, string>;
}

export interface LineResult {
  /** What the terminal shows, line by line (stdout and stderr in the order written). */
  lines: string[];
  chunks: Chunk[];
  exitCode: number;
  /** `clear` was run: the terminal should be cleared before showing lines. */
  clear: boolean;
  /** `exit` at the learner's prompt: the console session ends. */
  exit: boolean;
}

/** What the grader needs: the cluster as the engine sees it, every policy, namespace labels. */
export interface ConsoleState {
  cluster: Cluster;
  policies: NetworkPolicy[];
  namespaceLabels: Map<string, Record<string, string>>;
  namespaces: string[];
}

interface Attached {
  pod: PodObject;
  onExit: (io: CommandIo) => void;
}

/** Images that ship no shell or tools (distroless): exec finds nothing in them. */
const NO_TOOLS = /coredns|calico|kube-(apiserver|controller-manager|scheduler|proxy)|etcd|flannel/;

const POD_PROGRAMS = ['wget', 'nc', 'nslookup', 'curl', 'ping', 'sleep', 'echo', 'cat', 'hostname', 'env', 'printenv', 'ls', 'true', 'false', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'sh', 'ash', '/bin/sh', 'date', 'id', 'whoami', 'pwd', 'printf'];

const HOST_BUILTINS = ['kubectl', 'k', 'echo', 'cat', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'awk', 'clear', 'history', 'alias', 'unalias', 'export', 'source', 'complete', 'sleep', 'ls', 'rm', 'true', 'false', 'exit', 'help', 'vi', 'vim', 'nano', 'pwd', 'cd', 'date', 'hostname', 'whoami', 'printf'];

export class Console {
  readonly api: ApiServer;
  readonly net: Network;
  readonly cni: Cni;
  readonly history: string[] = [];
  private readonly kubectl: Kubectl;
  private readonly files = new Map<string, string>();
  private readonly podFiles = new Map<string, Map<string, string>>();
  private readonly vars = new Map<string, string>();
  private readonly aliases = new Map<string, string>();
  private readonly gradedExternals: ExternalHost[];
  private attached: Attached | null = null;
  private offset = 0;
  private currentNamespace = 'default';
  private cleared = false;
  private exited = false;

  constructor(private readonly options: ConsoleOptions = {}) {
    this.cni = options.cni ?? options.scenario?.scenario.cni ?? 'calico';
    const clock = options.now ?? (() => Date.now());
    this.api = new ApiServer(() => clock() + this.offset);
    let world;
    if (options.scenario) {
      const { scenario, step } = options.scenario;
      const prepared = preparedStep(scenario, step);
      if (!prepared.prepared) throw new Error(prepared.findings.map((f) => f.message).join('; ') || `scenario ${scenario.id} step ${step} cannot be prepared`);
      world = scenarioWorld(this.api, this.cni, prepared.prepared.cluster, prepared.prepared.existing, clusterSpecsAt(scenario, step));
    } else world = freshWorld(this.api, this.cni);
    this.gradedExternals = world.gradedExternals;
    this.net = new Network(this.api, this.cni, world.externals);
    for (const [k, v] of Object.entries({ HOME: '/root', USER: 'root', HOSTNAME: 'controlplane', PWD: '/root', SHELL: '/bin/bash', TERM: 'xterm', ...(options.env ?? {}) })) this.vars.set(k, v);
    this.vars.set('?', '0');
    this.kubectl = new Kubectl({
      api: this.api,
      net: this.net,
      namespace: () => this.currentNamespace,
      setNamespace: (ns) => {
        this.currentNamespace = ns;
      },
      readFile: (p) => this.readHostFile(p),
      edit: options.editor,
      editorName: options.editorName,
      writeFile: (p, text) => void this.writeHostFile(p, text, false),
      runInPod: (pod, argv, io) => this.runInPod(pod, argv, io),
      runInPodAs: (pod, argv, io) => this.runInPod(pod, argv, io),
      attachShell: (pod, onExit) => {
        this.attached = { pod, onExit };
      },
      hasProgram: (pod, program) => this.hasProgram(pod, program),
    });
  }

  // ---- the public surface a terminal or a pane drives ------------------------------------

  /** The prompt to show: the learner's host, or a pod's busybox shell. */
  prompt(): string {
    if (this.attached) return '/ # ';
    return 'controlplane:~$ ';
  }

  /** True while the input needs more lines (an open here-document, quote or trailing `\`). */
  needsMore(text: string): boolean {
    return incompleteReason(text) !== null;
  }

  /** Inside a pod's shell (after run -it ... -- sh or exec -it ... -- sh)? */
  get inPod(): PodObject | null {
    return this.attached?.pod ?? null;
  }

  async runLine(text: string): Promise<LineResult> {
    const trimmed = text.replace(/\s+$/, '');
    if (trimmed.trim() !== '' && !(this.history.length && this.history[this.history.length - 1] === trimmed)) this.history.push(trimmed);
    this.cleared = false;
    let result;
    if (this.attached) {
      const attached = this.attached;
      result = await runShell(trimmed, this.podShellHost(attached.pod, true));
      if (this.vars.get('__podexit') !== undefined) {
        this.vars.delete('__podexit');
        this.attached = null;
        const chunks = result.chunks;
        attached.onExit({
          stdin: '',
          out: (t) => chunks.push({ fd: 1, text: t }),
          err: (t) => chunks.push({ fd: 2, text: t }),
          vars: this.vars,
        });
      }
    } else {
      result = await runShell(trimmed, this.hostShell());
    }
    this.vars.delete('__exit');
    const exit = this.exited;
    this.exited = false;
    return { lines: toLines(result.chunks), chunks: result.chunks, exitCode: result.status, clear: this.cleared, exit };
  }

  /** Ends an attached pod shell as end of input would (a script ran out inside `sh`). */
  detach(): LineResult {
    const chunks: Chunk[] = [];
    if (this.attached) {
      const a = this.attached;
      this.attached = null;
      a.onExit({ stdin: '', out: (t) => chunks.push({ fd: 1, text: t }), err: (t) => chunks.push({ fd: 2, text: t }), vars: this.vars });
    }
    return { lines: toLines(chunks), chunks, exitCode: 0, clear: false, exit: false };
  }

  /** Tab completion for the text before the cursor: the candidates for its last word. */
  complete(line: string): { candidates: string[]; word: string } {
    return completeLine(line, {
      inPod: this.attached !== null,
      commands: this.attached ? POD_PROGRAMS.filter((p) => !p.startsWith('/')) : HOST_BUILTINS,
      subcommands: KUBECTL_SUBCOMMANDS,
      namespaces: () => this.api.list('Namespace', null).map((n) => n.meta.name),
      currentNamespace: () => this.currentNamespace,
      names: (kind, ns) => this.api.list(kind, ns).map((o) => o.meta.name),
      files: () => [...this.files.keys()],
      aliases: this.aliases,
    });
  }

  state(): ConsoleState {
    const model = this.net.modelCluster();
    const system = new Set(this.api.list('Pod', null).filter((p) => p.system && !(p.meta.namespace === 'kube-system' && p.meta.labels['k8s-app'] === 'kube-dns')).map((p) => `${p.meta.namespace}/${p.meta.name}`));
    const graded = new Set(this.gradedExternals.map((e) => e.name));
    const cluster: Cluster = {
      namespaces: model.namespaces.map((n) => ({ name: n.name, labels: { ...n.labels } })),
      pods: model.pods.filter((p) => !system.has(`${p.namespace}/${p.name}`)).map((p) => ({ ...p, labels: { ...p.labels }, ips: [...p.ips], ports: p.ports.map((x) => ({ ...x })) })),
      services: model.services.filter((s) => !(s.namespace === 'default' && s.name === 'kubernetes')).map((s) => ({ ...s, selector: { ...s.selector }, ports: s.ports.map((x) => ({ ...x })) })),
      externals: model.externals.filter((e) => graded.has(e.name)).map((e) => ({ ...e, ports: e.ports.map((x) => ({ ...x })) })),
    };
    const namespaceLabels = new Map(cluster.namespaces.map((n) => [n.name, { ...n.labels }]));
    return { cluster, policies: this.net.policies(), namespaceLabels, namespaces: cluster.namespaces.map((n) => n.name) };
  }

  // ---- internals ---------------------------------------------------------------------------

  private async wait(seconds: number): Promise<void> {
    this.offset += seconds * 1000;
    if (this.options.realTime && seconds > 0) await new Promise((r) => setTimeout(r, seconds * 1000));
  }

  private readHostFile(path: string): string | undefined {
    const local = this.files.get(normalise(path));
    if (local !== undefined) return local;
    return this.options.readHostFile?.(path);
  }

  private writeHostFile(path: string, text: string, append: boolean): string | null {
    const p = normalise(path);
    this.files.set(p, append ? (this.files.get(p) ?? '') + text : text);
    return null;
  }

  private hasProgram(pod: PodObject, program: string): boolean {
    const image = pod.containers[0]?.image ?? '';
    if (NO_TOOLS.test(image)) return false;
    const name = program.split('/').pop() ?? program;
    if (name === 'bash') return !['busybox', 'alpine'].includes(imageName(image));
    return POD_PROGRAMS.includes(program) || POD_PROGRAMS.includes(name);
  }

  private podEnv(pod: PodObject): PodEnv {
    let files = this.podFiles.get(pod.meta.uid);
    if (!files) this.podFiles.set(pod.meta.uid, (files = new Map()));
    return { pod, net: this.net, wait: (s) => this.wait(s), files, now: () => this.api.now() };
  }

  private podVars(pod: PodObject): Map<string, string> {
    const vars = new Map<string, string>([
      ['HOSTNAME', pod.meta.name],
      ['HOME', '/root'],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
      ['?', '0'],
    ]);
    return vars;
  }

  private podShellHost(pod: PodObject, attached: boolean): ShellHost {
    const env = this.podEnv(pod);
    const vars = attached ? (this.podShellVars.get(pod.meta.uid) ?? this.podVars(pod)) : this.podVars(pod);
    if (attached) this.podShellVars.set(pod.meta.uid, vars);
    const read = (p: string) => podFile(env, p);
    const table: Record<string, CommandFn> = {
      ...commonCommands(read, 'sh', { hostname: pod.meta.name, pwd: '/', now: () => this.api.now(), wait: (n) => this.wait(n) }),
      wget: wget(env),
      nc: nc(env),
      nslookup: nslookup(env),
      curl: curl(env),
      ping: ping(env),
      // busybox hostname: -i the addresses /etc/hosts gives the pod's name, -f/-s the name itself, -d its (empty) domain.
      hostname: (a, io) => {
        const flags = a.filter((x) => x.startsWith('-')).join('');
        if (/i/.test(flags)) io.out(`${pod.ip || '127.0.0.1'}\n`);
        else if (/d/.test(flags)) io.out('\n');
        else io.out(`${pod.meta.name}\n`);
        return 0;
      },
      env: (_a, io) => {
        for (const [k, v] of vars) if (k !== '?' && !k.startsWith('__')) io.out(`${k}=${v}\n`);
        return 0;
      },
      printenv: (a, io) => {
        if (a[0]) {
          const v = vars.get(a[0]);
          if (v === undefined) return 1;
          io.out(`${v}\n`);
          return 0;
        }
        for (const [k, v] of vars) if (k !== '?' && !k.startsWith('__')) io.out(`${k}=${v}\n`);
        return 0;
      },
      ls: (a, io) => {
        const dir = a.find((x) => !x.startsWith('-')) ?? '/';
        if (dir === '/' || dir === '.') io.out(['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var', ...[...env.files.keys()].map((k) => k.slice(1))].sort().join('\n') + '\n');
        else if (dir === '/etc') io.out('group\nhostname\nhosts\nlocaltime\nnetwork\npasswd\nresolv.conf\nshadow\n');
        else {
          io.err(`ls: ${dir}: No such file or directory\n`);
          return 1;
        }
        return 0;
      },
      id: (_a, io) => {
        io.out('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
        return 0;
      },
      exit: (a) => {
        if (attached) this.vars.set('__podexit', '1');
        vars.set('__exit', '1');
        return a[0] ? Number(a[0]) || 0 : 0;
      },
      sh: (a, io) => this.runInPod(pod, ['sh', ...a], io),
      clear: () => {
        this.cleared = true;
        return 0;
      },
    };
    table.ash = table.sh;
    table['/bin/sh'] = table.sh;
    if (this.hasProgram(pod, 'bash')) table.bash = table.sh;
    if (attached) {
      // Typing kubectl inside the test pod is the usual slip: say where the prompt is.
      const notHere = (name: string): CommandFn => (_a, io) => {
        io.err(`sh: ${name}: not found\n(you are in a shell inside pod ${pod.meta.namespace}/${pod.meta.name}: type exit to get back to the cluster prompt)\n`);
        return 127;
      };
      table.kubectl = notHere('kubectl');
      table.k = notHere('k');
    }
    return {
      flavour: 'sh',
      lookup: (name) => table[name],
      readFile: read,
      writeFile: (p, text, append) => {
        const key = p.startsWith('/') ? p : `/${p}`;
        env.files.set(key, append ? (env.files.get(key) ?? '') + text : text);
        return null;
      },
      vars,
      aliases: new Map(),
    };
  }

  private podShellVars = new Map<string, Map<string, string>>();

  /** Runs argv in a pod as the container runtime would: a program, or sh -c SCRIPT. */
  private async runInPod(pod: PodObject, argv: string[], io: CommandIo): Promise<number> {
    const host = this.podShellHost(pod, false);
    const [prog, ...args] = argv;
    const name = prog.split('/').pop() ?? prog;
    if (['sh', 'ash', 'bash'].includes(name)) {
      const script = args[0] === '-c' ? (args[1] ?? '') : io.stdin;
      if (args[0] === '-c' && args[1] === undefined) {
        io.err(`${name}: -c requires an argument\n`);
        return 2;
      }
      const r = await runShell(script, host);
      for (const c of r.chunks) (c.fd === 1 ? io.out : io.err)(c.text);
      return r.status;
    }
    const fn = host.lookup(prog) ?? host.lookup(name);
    if (!fn) {
      io.err(`exec: "${prog}": executable file not found in $PATH\n`);
      return 127;
    }
    return fn(args, io);
  }

  private hostShell(): ShellHost {
    const read = (p: string) => this.readHostFile(p);
    const kubectl: CommandFn = (args, io) => this.kubectl.run(args, io);
    const table: Record<string, CommandFn> = {
      ...commonCommands(read, 'bash', { hostname: 'controlplane', pwd: '/root', now: () => this.api.now(), wait: (n) => this.wait(n) }),
      kubectl,
      k: kubectl,
      awk: awkCommand(),
      clear: () => {
        this.cleared = true;
        return 0;
      },
      history: (args, io) => {
        if (args[0] === '-c') {
          this.history.length = 0;
          return 0;
        }
        const n = args[0] && /^\d+$/.test(args[0]) ? Number(args[0]) : this.history.length;
        const start = Math.max(0, this.history.length - n);
        this.history.slice(start).forEach((h, i) => io.out(`${String(start + i + 1).padStart(5)}  ${h.split('\n')[0]}\n`));
        return 0;
      },
      alias: (args, io) => {
        if (args.length === 0) {
          for (const [k, v] of [...this.aliases].sort()) io.out(`alias ${k}='${v}'\n`);
          return 0;
        }
        let status = 0;
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq < 0) {
            const v = this.aliases.get(a);
            if (v === undefined) {
              io.err(`bash: alias: ${a}: not found\n`);
              status = 1;
            } else io.out(`alias ${a}='${v}'\n`);
            continue;
          }
          this.aliases.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return status;
      },
      unalias: (args, io) => {
        for (const a of args) {
          if (!this.aliases.delete(a)) {
            io.err(`bash: unalias: ${a}: not found\n`);
            return 1;
          }
        }
        return 0;
      },
      export: (args) => {
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return 0;
      },
      source: (args, io) => {
        if (args[0]?.startsWith('<(')) return 0; // source <(kubectl completion bash): completion is built in
        const text = args[0] ? read(args[0]) : undefined;
        if (text === undefined) {
          io.err(`bash: ${args[0] ?? 'source'}: No such file or directory\n`);
          return 1;
        }
        return runShell(text, this.hostShell()).then((r) => {
          for (const c of r.chunks) (c.fd === 1 ? io.out : io.err)(c.text);
          return r.status;
        });
      },
      complete: () => 0,
      ls: (args, io) => {
        const names = [...this.files.keys()].map((k) => k.replace(/^\/root\//, '')).sort();
        if (args.some((a) => !a.startsWith('-'))) {
          let status = 0;
          for (const a of args.filter((x) => !x.startsWith('-'))) {
            if (this.files.has(normalise(a))) io.out(`${a}\n`);
            else {
              io.err(`ls: cannot access '${a}': No such file or directory\n`);
              status = 2;
            }
          }
          return status;
        }
        if (names.length) io.out(names.join('  ') + '\n');
        return 0;
      },
      rm: (args, io) => {
        let status = 0;
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          if (!this.files.delete(normalise(a)) && !args.includes('-f')) {
            io.err(`rm: cannot remove '${a}': No such file or directory\n`);
            status = 1;
          }
        }
        return status;
      },
      exit: () => {
        this.exited = true;
        this.vars.set('__exit', '1');
        return 0;
      },
      cd: () => 0,
      help: (_a, io) => {
        io.out(CONSOLE_HELP);
        return 0;
      },
    };
    const editFile: CommandFn = async (args, io) => {
      const file = args.find((a) => !a.startsWith('-') && !a.startsWith('+'));
      if (!file) {
        io.err('give the file to edit: vim FILE\n');
        return 1;
      }
      if (!this.options.editor) {
        io.err(`${file}: no editor is available here; write files with: cat > ${file} <<EOF\n`);
        return 1;
      }
      const saved = await this.options.editor(this.readHostFile(file) ?? '', file);
      if (saved === null) return 1;
      this.writeHostFile(file, saved, false);
      return 0;
    };
    table.vi = editFile;
    table.vim = editFile;
    table.nano = editFile;
    return {
      flavour: 'bash',
      lookup: (name) => table[name],
      readFile: read,
      writeFile: (p, t, a) => this.writeHostFile(p, t, a),
      vars: this.vars,
      aliases: this.aliases,
    };
  }
}

/** Commands both prompts have: the text filters, echo, true/false, date, whoami, pwd, hostname, sleep. */
function commonCommands(read: (p: string) => string | undefined, flavour: 'bash' | 'sh', host: { hostname: string; pwd: string; now: () => number; wait: (s: number) => Promise<void> }): Record<string, CommandFn> {
  const print = (text: string): CommandFn => (_a, io) => {
    io.out(`${text}\n`);
    return 0;
  };
  return {
    echo: echoCommand(),
    printf: printfCommand(),
    cat: catCommand(read, flavour),
    grep: grepCommand(read),
    head: headCommand(read),
    tail: tailCommand(read),
    wc: wcCommand(read),
    sort: sortCommand(read),
    uniq: uniqCommand(),
    true: () => 0,
    false: () => 1,
    whoami: print('root'),
    pwd: print(host.pwd),
    hostname: print(host.hostname),
    date: (_a, io) => {
      io.out(`${new Date(host.now()).toUTCString().replace('GMT', 'UTC')}\n`);
      return 0;
    },
    sleep: async (args, io) => {
      const n = Number(args[0]?.replace(/s$/, ''));
      if (!args[0] || Number.isNaN(n)) {
        io.err(flavour === 'bash' ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : `sleep: invalid number '${args[0] ?? ''}'\n`);
        return 1;
      }
      await host.wait(n);
      return 0;
    },
  };
}

function normalise(path: string): string {
  let p = path.replace(/^\.\//, '');
  if (p.startsWith('~/')) p = `/root/${p.slice(2)}`;
  if (!p.startsWith('/')) p = `/root/${p}`;
  return p;
}

/** Terminal lines from chunks; control characters from input are escaped (safeText). */
export function toLines(chunks: Chunk[]): string[] {
  const text = chunks.map((c) => c.text).join('');
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(safeText);
}

const CONSOLE_HELP = `netpol-dojo console: a simulated cluster at a shell prompt.
  kubectl (or k): get, describe, apply, create, delete, label, expose, run, exec, edit,
    explain, logs, config set-context --current --namespace=NS, version, cluster-info
  inside pods (exec/run): wget, nc, nslookup, curl, ping, sleep, echo, cat, hostname, env
  the prompt: pipes into grep/head/tail/wc/sort/uniq/awk, here-documents (cat <<EOF ...),
    files (cat > f.yaml <<EOF, kubectl apply -f f.yaml), alias, history, clear, exit
  Time-outs are reported at once; NETPOL_DOJO_REAL_TIME=1 makes them take their time.
`;
