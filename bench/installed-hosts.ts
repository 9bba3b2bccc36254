/**
 * The two host programs as a user installs them, for the benchmarks that start them the way a
 * browser does: the npm bundle through the launcher `install` writes, and the self-contained
 * executable for this machine's target (the copy `install` makes of it).
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildExecutable } from '../scripts/lib/executable';
import { nativeTarget } from '../scripts/lib/host-targets';
import { cachedPackage } from '../scripts/lib/package-cache';

const bundle = resolve(import.meta.dirname, '..', 'dist/host/popbiff.mjs');

export interface InstalledHost {
  /** What the table calls it. */
  what: string;
  /** The path the host manifest names: what a browser starts. */
  launcher: string;
  env: NodeJS.ProcessEnv;
  /** The Node binary that runs this host: the floor for its start-up time. */
  node: string;
  /** That Node, in words. */
  floor: string;
}

/** Runs `install` for Chromium with HOME and the config folder inside `dir`. */
function installIn(dir: string, command: string[]): { launcher: string; env: NodeJS.ProcessEnv } {
  const env = { ...process.env, HOME: dir, POPBIFF_CONFIG_DIR: join(dir, 'config') };
  const [program = '', ...args] = command;
  execFileSync(program, [...args, 'install', '--browser', 'chromium', '--profile-dir', join(dir, 'profile')], {
    env,
    stdio: 'ignore',
  });
  return { launcher: join(dir, 'config', 'host', 'popbiff-host'), env };
}

/** The npm bundle under the Node running the bench, through its launcher script. */
export function installBundle(dir: string): InstalledHost {
  return {
    what: 'npm bundle, through its launcher',
    ...installIn(dir, [process.execPath, bundle]),
    node: process.execPath,
    floor: `this bench's Node ${process.version}`,
  };
}

/** The self-contained host for this machine's target, as `npm run package` builds it (cached). */
export function nativeExecutable(): ReturnType<typeof buildExecutable> {
  const name = nativeTarget();
  if (name === undefined) throw new Error(`no self-contained host is built for ${process.platform}-${process.arch}`);
  return buildExecutable(name);
}

/** The executable `install` copied, and the official Node binary it was made from. */
export function installExecutable(dir: string): InstalledHost {
  const built = nativeExecutable();
  const name = built.target.name;
  return {
    what: `self-contained executable, ${name}${built.snapshot ? ' (start-up snapshot)' : ''}`,
    ...installIn(dir, [built.program]),
    node: join(cachedPackage(built.target.nodePackage, built.target.nodeVersion), built.target.nodeBinary),
    floor: `the same Node v${built.target.nodeVersion} binary`,
  };
}
