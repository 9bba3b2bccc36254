/**
 * The downloads for systems without the Debian package: a .tar.gz per Linux and macOS target
 * and a .zip for Windows, each one folder with the program, the keyring addon and a script that
 * runs the program's own `install` (which copies it into the user's Popbiff folder and registers
 * it). The script texts are pure so that tests can check them on any machine.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltExecutable } from './executable';

export const archiveFolder = (version: string, target: string) => `popbiff-host-${version}-${target}`;

export function archiveName(version: string, executable: BuiltExecutable): string {
  const extension = executable.target.os === 'win32' ? 'zip' : 'tar.gz';
  return `${archiveFolder(version, executable.target.name)}.${extension}`;
}

/** Linux: per user by default; `sudo ./install.sh --system` for everyone. */
export const LINUX_INSTALL_SH = `#!/bin/sh
# Installs the Popbiff host: copies popbiff-host into your Popbiff folder and registers it with
# the browsers found. Options go to "popbiff-host install" (--browser NAME, --system).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/popbiff-host" install "$@"
`;

/**
 * macOS: the download is quarantined, and injecting the host broke Node's signature, which
 * macOS checks before it runs a program: clear the quarantine and sign it ad hoc first.
 */
export const MACOS_INSTALL_SH = `#!/bin/sh
# Installs the Popbiff host: copies popbiff-host into your Popbiff folder and registers it with
# the browsers found. Options go to "popbiff-host install" (--browser NAME, --system).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
xattr -dr com.apple.quarantine "$here" 2>/dev/null || true
codesign --force --sign - "$here/popbiff-host"
exec "$here/popbiff-host" install "$@"
`;

/** Windows: registry keys under HKCU through reg.exe, written by the program's install. */
export const WINDOWS_INSTALL_CMD = [
  '@echo off',
  'rem Installs the Popbiff host: copies popbiff-host.exe into %APPDATA%\\Popbiff\\host and',
  'rem registers it with the browsers found. Options go to "popbiff-host.exe install".',
  '"%~dp0popbiff-host.exe" install %*',
  '',
].join('\r\n');

/** Builds the target's archive into outDir; returns its path. */
export function buildArchive(executable: BuiltExecutable, version: string, outDir: string): string {
  const folder = archiveFolder(version, executable.target.name);
  const staging = join(outDir, `.archive-staging-${executable.target.name}`);
  const dir = join(staging, folder);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    copyFileSync(executable.program, join(dir, executable.target.program));
    chmodSync(join(dir, executable.target.program), 0o755);
    copyFileSync(join(executable.dir, 'keyring.node'), join(dir, 'keyring.node'));
    const archive = join(outDir, archiveName(version, executable));
    rmSync(archive, { force: true });
    if (executable.target.os === 'win32') {
      writeFileSync(join(dir, 'install.cmd'), WINDOWS_INSTALL_CMD);
      execFileSync('zip', ['-q', '-r', '-9', archive, folder], { cwd: staging, stdio: 'inherit' });
      return archive;
    }
    const script = executable.target.os === 'darwin' ? MACOS_INSTALL_SH : LINUX_INSTALL_SH;
    writeFileSync(join(dir, 'install.sh'), script, { mode: 0o755 });
    execFileSync('tar', ['--owner=0', '--group=0', '-czf', archive, folder], { cwd: staging, stdio: 'inherit' });
    return archive;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
