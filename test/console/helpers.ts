// Shared helpers for console tests: a console on a fixed clock, and scripts run as typed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Console, runScript, transcript, type ConsoleOptions, type ScriptStep } from '../../src/core/console/index.js';

export const NOW = Date.parse('2026-12-01T22:00:00Z');

export function newConsole(options: ConsoleOptions = {}): Console {
  return new Console({ now: () => NOW, ...options });
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** A script of the module, as written there (test/console/module/NAME.sh). */
export function moduleScript(name: string): string {
  return readFileSync(path.join(here, 'module', `${name}.sh`), 'utf8');
}

/** Runs one line and returns its output as text. */
export async function run(c: Console, line: string): Promise<{ out: string; code: number; lines: string[] }> {
  const r = await c.runLine(line);
  return { out: r.lines.join('\n'), code: r.exitCode, lines: r.lines };
}

export async function play(c: Console, script: string): Promise<{ steps: ScriptStep[]; text: string }> {
  const steps = await runScript(c, script);
  return { steps, text: transcript(steps).join('\n') };
}

/** The steps whose command starts with `prefix`, in order. */
export function stepsStarting(steps: ScriptStep[], prefix: string): ScriptStep[] {
  return steps.filter((s) => s.command.startsWith(prefix));
}

export const NGINX_TITLE = '<title>Welcome to nginx!</title>';
