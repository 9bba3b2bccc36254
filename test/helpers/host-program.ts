/**
 * The self-contained host for this machine and its Debian package, built on first use and then
 * taken from the cache (scripts/lib/executable.ts and deb.ts key both by their inputs), so the
 * test tier pays for one build per change of the host, not per run. Only the target this machine
 * runs is built here; the others are checked as data from `npm run package` (host-archives test).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDeb } from '../../scripts/lib/deb';
import { type BuiltExecutable, buildExecutable } from '../../scripts/lib/executable';
import { nativeTarget } from '../../scripts/lib/host-targets';

const root = resolve(import.meta.dirname, '../..');
export const PROJECT = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  homepage: string;
};

export function ensureExecutable(): BuiltExecutable {
  const name = nativeTarget();
  if (name === undefined) throw new Error(`no self-contained host target for ${process.platform}-${process.arch}`);
  return buildExecutable(name);
}

export function ensureDeb(): string {
  return buildDeb({ executable: ensureExecutable(), version: PROJECT.version, homepage: PROJECT.homepage });
}
