/**
 * Issue 10, item 10: a system-wide install runs only what root owns. A node from one user's nvm
 * (or a bundle in one user's checkout) would let that user run code as every other user, so it
 * is refused before anything is written; the bundle is copied into the root-owned folder.
 * Ownership needs root to set up: these tests run where the suite runs as root (CI, containers).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launcherPath } from '../../src/host/install/host-files';
import { installHost } from '../../src/host/install/install';
import { type InstallTarget, hostLocation } from '../../src/host/install/locations';
import { changeableByNonRoot, copyBundle } from '../../src/host/install/system-host';
import { ensureHostBundle } from './host-process';

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-system-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!asRoot)('a system-wide install', () => {
  it('refuses a node another user owns (an nvm node) and writes nothing', async () => {
    const userHome = join(dir, 'home', 'ada');
    mkdirSync(join(userHome, '.nvm'), { recursive: true });
    const node = join(userHome, '.nvm', 'node');
    copyFileSync(process.execPath, node);
    chownSync(userHome, NOBODY, NOBODY);
    const target: InstallTarget = { platform: 'linux', scope: 'system', home: dir, configDir: join(dir, 'config') };
    const location = hostLocation(target, 'chromium', join(dir, 'profile'));
    const before = existsSync(launcherPath(target));
    await expect(
      installHost({
        target,
        locations: [location],
        program: { kind: 'launcher', nodePath: node, bundlePath: ensureHostBundle() },
      }),
    ).rejects.toMatchObject({ code: 'INSTALL_UNSAFE', message: expect.stringContaining(userHome) });
    expect(existsSync(location.manifestPath)).toBe(false);
    expect(existsSync(launcherPath(target))).toBe(before);
  });

  it('knows what a non-root user can change: their files, their folders, group or world writable ones', async () => {
    const root = join(dir, 'root-owned');
    mkdirSync(join(root, 'bin'), { recursive: true });
    const file = join(root, 'bin', 'node');
    copyFileSync(process.execPath, file);
    chmodSync(file, 0o755);
    expect(await changeableByNonRoot(file)).toBeUndefined();
    chmodSync(join(root, 'bin'), 0o777);
    expect(await changeableByNonRoot(file)).toBe(join(root, 'bin'));
    chmodSync(join(root, 'bin'), 0o1777);
    expect(await changeableByNonRoot(file)).toBeUndefined();
    chmodSync(join(root, 'bin'), 0o775);
    chownSync(join(root, 'bin'), 0, NOBODY);
    expect(await changeableByNonRoot(file)).toBe(join(root, 'bin'));
    chmodSync(join(root, 'bin'), 0o755);
    chownSync(file, NOBODY, 0);
    expect(await changeableByNonRoot(file)).toBe(file);
  });

  it('copies the bundle, with the keyring module, into the install folder, where it runs on its own', async () => {
    const copied = await copyBundle(ensureHostBundle(), join(dir, 'lib'));
    expect(copied).toBe(join(dir, 'lib', 'bundle', 'popbiff.mjs'));
    expect(existsSync(join(dir, 'lib', 'bundle', 'node_modules', '@napi-rs', 'keyring', 'package.json'))).toBe(true);
    const run = spawnSync(process.execPath, [copied, '--help'], { encoding: 'utf8', timeout: 20_000, cwd: dir });
    expect(run.status).toBe(0);
    expect(await changeableByNonRoot(copied)).toBeUndefined();
  });
});
