/**
 * The downloads for the targets this machine cannot run (Windows, macOS, Linux arm64), checked as
 * data: each archive holds one folder with the program, the keyring addon and the install script;
 * the program is an executable of the right format and architecture with the SEA fuse flipped
 * (Node then runs the injected host). The archives come from `npm run package` (.ci/run writes
 * them to artifacts/package before the tests); without them these checks are skipped. The
 * scripts' text is checked always.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINUX_INSTALL_SH, MACOS_INSTALL_SH, WINDOWS_INSTALL_CMD, archiveFolder } from '../../scripts/lib/archives';
import { HOST_TARGETS, TARGET_NAMES, type TargetName } from '../../scripts/lib/host-targets';
import { PROJECT } from '../helpers/host-program';

const root = resolve(import.meta.dirname, '../..');
const PACKAGE_DIRS = [resolve(root, 'artifacts/package'), resolve(root, 'dist')];
const FUSE_ON = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1';
const scratch = mkdtempSync(join(tmpdir(), 'popbiff-archives-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function archiveOf(name: TargetName): string | undefined {
  const file = `${archiveFolder(PROJECT.version, name)}.${HOST_TARGETS[name].os === 'win32' ? 'zip' : 'tar.gz'}`;
  return PACKAGE_DIRS.map((dir) => join(dir, file)).find(existsSync);
}

function listing(archive: string): string[] {
  const output = archive.endsWith('.zip')
    ? execFileSync('unzip', ['-Z1', archive], { encoding: 'utf8' })
    : execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' });
  return output.split('\n').filter((line) => line && !line.endsWith('/'));
}

function extract(archive: string, name: TargetName): string {
  const into = join(scratch, name);
  execFileSync('mkdir', ['-p', into]);
  if (archive.endsWith('.zip')) execFileSync('unzip', ['-q', '-o', archive, '-d', into]);
  else execFileSync('tar', ['-xzf', archive, '-C', into]);
  return join(into, archiveFolder(PROJECT.version, name));
}

function head(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    readSync(fd, buffer, 0, bytes, 0);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** What the first bytes of each target's program must say (ELF e_machine, PE, Mach-O x86-64). */
const FORMAT: Record<TargetName, (start: Buffer) => boolean> = {
  'linux-x64': (b) => b.subarray(0, 4).equals(Buffer.from('\x7fELF', 'latin1')) && b.readUInt16LE(18) === 62,
  'linux-arm64': (b) => b.subarray(0, 4).equals(Buffer.from('\x7fELF', 'latin1')) && b.readUInt16LE(18) === 183,
  'win-x64': (b) => b.subarray(0, 2).toString('latin1') === 'MZ',
  'darwin-x64': (b) => b.readUInt32LE(0) === 0xfeedfacf && b.readUInt32LE(4) === 0x01000007,
};

describe('install scripts', () => {
  it('Linux and macOS scripts are valid sh that hand every argument to the program', () => {
    for (const script of [LINUX_INSTALL_SH, MACOS_INSTALL_SH]) {
      expect(spawnSync('sh', ['-n'], { input: script }).status).toBe(0);
      expect(script).toMatch(/^#!\/bin\/sh\n/);
      expect(script.trimEnd().split('\n').at(-1)).toBe('exec "$here/popbiff-host" install "$@"');
    }
    expect(MACOS_INSTALL_SH).toContain('codesign --force --sign - "$here/popbiff-host"');
  });

  it('install.cmd runs popbiff-host.exe install from its own folder, with CRLF lines', () => {
    expect(WINDOWS_INSTALL_CMD.split('\r\n')).toContain('"%~dp0popbiff-host.exe" install %*');
    expect(WINDOWS_INSTALL_CMD.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe.each(TARGET_NAMES)('the %s download', (name) => {
  const archive = archiveOf(name);
  const target = HOST_TARGETS[name];
  const folder = archiveFolder(PROJECT.version, name);
  it.skipIf(!archive)(
    'holds the program, the keyring addon and the install script (skipped without npm run package)',
    () => {
      const script = target.os === 'win32' ? 'install.cmd' : 'install.sh';
      expect(listing(archive ?? '').sort()).toEqual(
        [`${folder}/${target.program}`, `${folder}/keyring.node`, `${folder}/${script}`].sort(),
      );
      const dir = extract(archive ?? '', name);
      const program = join(dir, target.program);
      expect(FORMAT[name](head(program, 64))).toBe(true);
      expect(readFileSync(program).includes(FUSE_ON)).toBe(true);
      if (target.os !== 'win32')
        expect(execFileSync('stat', ['-c', '%a', program], { encoding: 'utf8' }).trim()).toBe('755');
      const expectedScript = { linux: LINUX_INSTALL_SH, darwin: MACOS_INSTALL_SH, win32: WINDOWS_INSTALL_CMD }[
        target.os
      ];
      expect(readFileSync(join(dir, script), 'utf8')).toBe(expectedScript);
    },
    120_000,
  );
});
