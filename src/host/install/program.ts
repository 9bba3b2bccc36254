import { constants } from 'node:fs';
import { access, chmod, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { PopbiffError } from '../../shared/errors';
import { KEYRING_ADDON } from '../secrets/keyring-secret-store';
import { launcherPath, launcherScript } from './host-files';
import { type InstallTarget, launcherDir, pathsFor } from './locations';
import { changeableByNonRoot } from './system-host';

/**
 * The program a manifest's `path` names. The npm bundle needs a launcher script (a manifest's
 * path cannot carry arguments: node + bundle); the self-contained executable is registered
 * itself, with no script and no Node in between.
 */
export type HostProgram =
  | { kind: 'launcher'; nodePath: string; bundlePath: string }
  | { kind: 'executable'; path: string };

/** Where install puts the executable when it copies it (the launcher's place, as a program). */
export function installedExecutablePath(target: InstallTarget): string {
  const name = target.platform === 'win32' ? 'popbiff-host.exe' : 'popbiff-host';
  return pathsFor(target.platform).join(launcherDir(target), name);
}

/** Every file install may have put beside the receipt, for uninstall to remove. */
export function programFiles(target: InstallTarget): string[] {
  const dir = launcherDir(target);
  const path = pathsFor(target.platform);
  return [...new Set([launcherPath(target), installedExecutablePath(target), path.join(dir, KEYRING_ADDON)])];
}

/** Puts the program in place; returns the path to register and the files written. */
export async function placeProgram(
  target: InstallTarget,
  program: HostProgram,
  dev = false,
): Promise<{ registered: string; written: string[] }> {
  await makeDir(target);
  if (program.kind === 'launcher') {
    const launcher = launcherPath(target);
    const script = launcherScript(target.platform, program.nodePath, program.bundlePath, dev);
    await writeProgramFile(launcher, (to) => writeFile(to, script));
    return { registered: launcher, written: [launcher] };
  }
  if (await staysInPlace(target, program.path)) return { registered: program.path, written: [] };
  return copyExecutable(target, program.path);
}

/**
 * A copy in the install folder, so the registration survives the download folder being cleared;
 * and for `--system`, in a folder only root can change: every user's browser runs what the
 * manifest names, so it must not be a file one user can replace.
 */
async function copyExecutable(target: InstallTarget, source: string) {
  const path = pathsFor(target.platform);
  const destination = installedExecutablePath(target);
  const addonSource = path.join(path.dirname(source), KEYRING_ADDON);
  const addon = path.join(launcherDir(target), KEYRING_ADDON);
  // Copy then rename: the old program may be running (a browser's host), and Linux refuses to
  // write into a running executable while it allows replacing its directory entry.
  await writeProgramFile(destination, (to) => copyFile(source, to));
  const written = [destination];
  if (await exists(addonSource)) {
    await writeProgramFile(addon, (to) => copyFile(addonSource, to));
    written.push(addon);
  }
  return { registered: destination, written };
}

/**
 * Already where it belongs: in the install folder itself, or (for --system, outside Windows) in
 * a folder that root owns and nobody else can write, such as the Debian package's /usr/lib/popbiff.
 */
async function staysInPlace(target: InstallTarget, program: string): Promise<boolean> {
  const path = pathsFor(target.platform);
  if (path.resolve(program) === path.resolve(installedExecutablePath(target))) return true;
  if (target.scope !== 'system' || target.platform === 'win32') return false;
  return (await changeableByNonRoot(program).catch(() => program)) === undefined;
}

async function makeDir(target: InstallTarget): Promise<void> {
  const dir = launcherDir(target);
  try {
    await mkdir(dir, { recursive: true, mode: target.scope === 'user' ? 0o700 : 0o755 });
  } catch (error) {
    throw writeFailure(dir, error);
  }
}

/** Written beside, then renamed over the old file, executable for everyone who may run it. */
async function writeProgramFile(file: string, write: (to: string) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await rm(partial, { force: true });
    await write(partial);
    await chmod(partial, 0o755);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw writeFailure(file, error);
  }
}

/** Permission problems are the usual cause (a --system install without root). */
export function writeFailure(path: string, error: unknown): PopbiffError {
  const denied = error instanceof Error && 'code' in error && (error.code === 'EACCES' || error.code === 'EPERM');
  const hint = denied ? ' Permission denied: a --system install needs root (sudo) or an administrator.' : '';
  return new PopbiffError('STORAGE_FAILED', `Could not write ${path}.${hint}`);
}

const exists = (file: string) =>
  access(file, constants.R_OK).then(
    () => true,
    () => false,
  );
