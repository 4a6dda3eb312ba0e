// The module's scripts (module 13, section 8, as printed; the .sh files beside this one), cut into
// the commands a learner types, so that tests type the module's own text rather than a copy of it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);

/** The script's commands in order: comments and blank lines dropped, `\` continuations and here-documents kept whole. */
export function moduleCommands(script: 'ex1' | 'ex2' | 'ex3' | 'ex4' | 'ex5'): string[] {
  const lines = readFileSync(path.join(here, `${script}.sh`), 'utf8').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const parts = [line];
    const heredoc = /<<\s*'?(\w+)'?/.exec(line)?.[1];
    if (heredoc) while (i + 1 < lines.length && (parts.push(lines[++i]), lines[i] !== heredoc));
    else while (parts[parts.length - 1].endsWith('\\') && i + 1 < lines.length) parts.push(lines[++i]);
    out.push(parts.join('\n'));
  }
  return out;
}

/** The script's here-document that applies the NetworkPolicy named `name`. */
export function applyingPolicy(script: Parameters<typeof moduleCommands>[0], name: string): string {
  const found = moduleCommands(script).find((c) => c.startsWith('cat <<') && c.includes(`\n  name: ${name}\n`));
  if (!found) throw new Error(`${script}.sh applies no policy named ${name}`);
  return found;
}

/** The script's first command that starts with `prefix`. */
export function commandStarting(script: Parameters<typeof moduleCommands>[0], prefix: string): string {
  const found = moduleCommands(script).find((c) => c.startsWith(prefix));
  if (!found) throw new Error(`${script}.sh has no command starting with ${prefix}`);
  return found;
}

/** A section's manifest (sections.txt, cut from the module's text), e.g. '4.1' or '5.2'. */
export function sectionManifest(section: string): string {
  const text = readFileSync(path.join(here, 'sections.txt'), 'utf8');
  const parts = text.split(/^## /m).slice(1);
  const found = parts.find((p) => p.startsWith(`${section}\n`));
  if (!found) throw new Error(`sections.txt has no section ${section}`);
  return found.slice(section.length + 1);
}

/** Typed as the module's exercises apply manifests: `cat <<EOF | kubectl apply -f -`. */
export function applying(manifest: string): string {
  return `cat <<EOF | kubectl apply -f -\n${manifest}EOF`;
}
