// Where progress is kept: NETPOL_DOJO_SCORES, else scores/ in a clone, else the XDG state dir.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveScoresDir, xdgStateDir } from '../../src/store/location.js';
import { installKind, packageVersion } from '../../src/repo-root.js';

const base = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-location-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function fakePackage(dir: string, version = '1.2.3'): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'netpol-dojo', version }));
  return dir;
}

const clone = fakePackage(path.join(base, 'src', 'netpol-dojo'));
mkdirSync(path.join(clone, '.git'));
const worktree = fakePackage(path.join(base, 'wt', 'feature'));
writeFileSync(path.join(worktree, '.git'), 'gitdir: /elsewhere/.git/worktrees/feature\n');
const installed = fakePackage(path.join(base, 'app', 'node_modules', 'netpol-dojo'));
const unpacked = fakePackage(path.join(base, 'download', 'package'));
const home = path.join(base, 'home');

describe('the progress store location', () => {
  it('a clone (git dir or worktree file) keeps scores/ in the checkout', () => {
    expect(installKind(clone)).toBe('clone');
    expect(installKind(worktree)).toBe('clone');
    expect(resolveScoresDir({ root: clone, env: {}, home })).toBe(path.join(clone, 'scores'));
  });

  it('an installed package uses $XDG_STATE_HOME/netpol-dojo, else ~/.local/state/netpol-dojo', () => {
    expect(installKind(installed)).toBe('installed');
    expect(installKind(unpacked)).toBe('installed');
    expect(resolveScoresDir({ root: installed, env: {}, home })).toBe(path.join(home, '.local', 'state', 'netpol-dojo'));
    expect(resolveScoresDir({ root: installed, env: { XDG_STATE_HOME: '/var/state' }, home })).toBe(path.join('/var/state', 'netpol-dojo'));
    expect(resolveScoresDir({ root: unpacked, env: {}, home })).toBe(path.join(home, '.local', 'state', 'netpol-dojo'));
  });

  it('a relative XDG_STATE_HOME is ignored, as the XDG spec says', () => {
    expect(xdgStateDir({ XDG_STATE_HOME: 'state' }, home)).toBe(path.join(home, '.local', 'state', 'netpol-dojo'));
  });

  it('npm link: a symlink in node_modules to a clone is still the clone', () => {
    const linkDir = path.join(base, 'linked', 'node_modules');
    mkdirSync(linkDir, { recursive: true });
    symlinkSync(clone, path.join(linkDir, 'netpol-dojo'));
    expect(installKind(path.join(linkDir, 'netpol-dojo'))).toBe('clone');
  });

  it('NETPOL_DOJO_SCORES overrides both (relative to the cwd)', () => {
    for (const root of [clone, installed]) {
      expect(resolveScoresDir({ root, env: { NETPOL_DOJO_SCORES: 'mine', XDG_STATE_HOME: '/x' }, cwd: '/work/here', home })).toBe(path.resolve('/work/here/mine'));
    }
  });

  it('reads the version from package.json', () => {
    expect(packageVersion(fakePackage(path.join(base, 'v'), '4.5.6-rc.1'))).toBe('4.5.6-rc.1');
    expect(packageVersion(path.join(base, 'nowhere'))).toBe('unknown');
  });
});
