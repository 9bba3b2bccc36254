/**
 * npm packages fetched at package time into a cache outside the source tree, never installed as
 * dependencies: the node-* packages declare a `bin: node` that would replace `node` for every
 * npm script. `npm pack` downloads the tarball (npm's own cache makes a second fetch cheap) and
 * it is unpacked once per name@version.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export const CACHE_DIR = resolve(import.meta.dirname, '../../node_modules/.cache/popbiff-package');

/** The unpacked package folder (its `package/` root) for name@version, fetched if missing. */
export function cachedPackage(name: string, version: string): string {
  const folder = join(CACHE_DIR, 'npm', `${name.replace('/', '+')}@${version}`);
  if (existsSync(join(folder, 'package.json'))) return folder;
  const work = `${folder}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['pack', `${name}@${version}`, '--pack-destination', work, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    });
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${name}@${version} wrote no tarball`);
    execFileSync('tar', ['-xzf', tarball], { cwd: work, stdio: 'inherit' });
    // Atomic: a run that was killed half-way never leaves a folder that looks complete.
    publishFolder(join(work, 'package'), folder);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return folder;
}

/**
 * Moves a finished folder into its cache place. Test workers may build the same thing at once:
 * when another process got there first, its copy stays (it may be running) and ours is dropped.
 */
export function publishFolder(work: string, final: string): void {
  try {
    renameSync(work, final);
  } catch (error) {
    if (!existsSync(final)) throw error;
  }
}

/**
 * A superseded build is removed only once it is this old: another checkout sharing these
 * node_modules (a worktree, a test run of older code) may still be using a recent one.
 */
const SUPERSEDED_KEPT_MS = 24 * 60 * 60_000;

/**
 * Every code change makes new executables and packages (about 130 MB each); without this the
 * cache grew by gigabytes a day. For a folder named `<target>-<hash>`, removes the other builds
 * of that target (and their leftover `.partial-*` work folders) made over SUPERSEDED_KEPT_MS ago.
 */
export function removeSuperseded(final: string): void {
  const folder = dirname(final);
  const name = basename(final);
  const prefix = name.slice(0, name.lastIndexOf('-') + 1);
  if (prefix === '') throw new Error(`removeSuperseded: ${name} is not named <target>-<hash>`);
  const oldest = Date.now() - SUPERSEDED_KEPT_MS;
  for (const sibling of readdirSync(folder)) {
    if (sibling === name || !sibling.startsWith(prefix)) continue;
    const path = join(folder, sibling);
    // Another build may remove its own work folder meanwhile.
    const made = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (made !== undefined && made < oldest) rmSync(path, { recursive: true, force: true });
  }
}
