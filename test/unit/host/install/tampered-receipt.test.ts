import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { uninstallHost } from '../../../../src/host/install/install';
import { receiptPathFor } from '../../../../src/host/install/receipt';
import { hostLocation, type InstallTarget } from '../../../../src/host/install/locations';

/**
 * Issue 10, item 10: `uninstall` acts only on the places install computes for the browser and
 * scope. A receipt is a file; a tampered one that names any other file or registry key is ignored.
 */
let home: string;
let target: InstallTarget;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'popbiff-receipt-'));
  target = { platform: 'linux', scope: 'user', home, configDir: join(home, 'config') };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function writeReceipt(entries: object[]): void {
  const path = receiptPathFor(target);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify({ version: 1, entries }));
}

it('deletes no file and no registry key that install would not have written', async () => {
  const victim = join(home, 'precious.txt');
  writeFileSync(victim, 'keep me');
  const ours = hostLocation(target, 'firefox');
  mkdirSync(join(ours.manifestPath, '..'), { recursive: true });
  writeFileSync(ours.manifestPath, '{}');
  const regCalls: string[][] = [];
  writeReceipt([
    { browser: 'chromium', family: 'chromium', manifestPath: victim },
    { browser: 'firefox', family: 'firefox', manifestPath: victim },
    {
      browser: 'chrome',
      family: 'chromium',
      manifestPath: ours.manifestPath,
      registryKey: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    },
    ours,
  ]);
  const removed = await uninstallHost(target, undefined, async (args) => {
    regCalls.push([...args]);
    return '';
  });
  expect(existsSync(victim)).toBe(true);
  expect(regCalls).toEqual([]);
  expect(removed).toEqual([ours.manifestPath]);
  expect(existsSync(receiptPathFor(target))).toBe(false);
});

it('still removes a Chromium profile registration, which install computes from the profile folder', async () => {
  const profile = hostLocation(target, 'chromium', join(home, 'profile'));
  mkdirSync(join(profile.manifestPath, '..'), { recursive: true });
  writeFileSync(profile.manifestPath, '{}');
  writeReceipt([profile]);
  expect(await uninstallHost(target)).toEqual([profile.manifestPath]);
});
