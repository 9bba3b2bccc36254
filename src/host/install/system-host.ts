import { readdirSync } from 'node:fs';
import { cp, mkdir, realpath, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { PopbiffError } from '../../shared/errors';

/**
 * A system-wide install (POSIX) serves every user of the computer, so what its launcher runs
 * must be as trustworthy as root: a node from one user's nvm or a bundle in one user's npx cache
 * or checkout would let that user run code as everyone else who opens a browser. So the bundle
 * is copied into the root-owned install folder, and a node (or copy) that anyone but root could
 * change is refused. Windows keeps its own ACLs and is not checked here.
 */

export interface StatLike {
  uid: number;
  gid: number;
  mode: number;
  isDirectory(): boolean;
}
export type StatFn = (path: string) => Promise<StatLike>;

/**
 * The first of `path` (symlinks resolved) and the folders above it that a user other than root
 * could change — owned by another user, or writable by another group or by everyone (a sticky
 * folder like /tmp excepted: there only the owner may replace an entry) — or undefined.
 */
export async function changeableByNonRoot(path: string, statOf: StatFn = stat): Promise<string | undefined> {
  let current = await realpath(path);
  for (;;) {
    const info = await statOf(current);
    const sticky = info.isDirectory() && (info.mode & 0o1000) !== 0;
    if (info.uid !== 0) return current;
    if ((info.mode & 0o002) !== 0 && !sticky) return current;
    if ((info.mode & 0o020) !== 0 && info.gid !== 0) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Refuses, naming the path and what to do, when a non-root user could change it. */
export async function requireRootOwned(path: string, what: string, statOf?: StatFn): Promise<void> {
  const weak = await changeableByNonRoot(path, statOf);
  if (weak === undefined) return;
  throw new PopbiffError(
    'INSTALL_UNSAFE',
    `A system-wide install would run ${what} at ${path}, which a user other than root can change (${weak}). Install it system-wide, owned by root, and run the install again with that one.`,
  );
}

/**
 * Copies the host bundle (its entry file and the chunks beside it) into `installDir/bundle`, with
 * the keyring's native module, which is found through node_modules because it cannot be bundled.
 * Returns the copied entry file.
 */
export async function copyBundle(bundlePath: string, installDir: string): Promise<string> {
  const target = join(installDir, 'bundle');
  try {
    await rm(target, { recursive: true, force: true });
    await mkdir(target, { recursive: true, mode: 0o755 });
    await cp(dirname(bundlePath), target, { recursive: true });
    const keyring = keyringPackages(bundlePath);
    for (const [name, dir] of keyring) {
      await cp(dir, join(target, 'node_modules', '@napi-rs', name), { recursive: true, dereference: true });
    }
  } catch (error) {
    throw new PopbiffError('STORAGE_FAILED', `Could not copy the host into ${target}: ${describe(error)}.`);
  }
  return join(target, basename(bundlePath));
}

/** @napi-rs/keyring and its platform binary packages as the bundle resolves them; none when absent. */
function keyringPackages(bundlePath: string): [string, string][] {
  let scope: string;
  try {
    scope = dirname(dirname(createRequire(bundlePath).resolve('@napi-rs/keyring/package.json')));
  } catch {
    return []; // not installed: the host falls back to its 0600 file
  }
  return namesIn(scope)
    .filter((name) => name === 'keyring' || name.startsWith('keyring-'))
    .map((name) => [name, join(scope, name)]);
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function describe(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
}
