import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installHost, receiptPathFor, uninstallHost } from '../../../../src/host/install/install';
import type { HostLocation, InstallTarget } from '../../../../src/host/install/locations';
import type { RegArgs } from '../../../../src/host/install/registry';

let dir: string;
let target: InstallTarget;
let calls: RegArgs[];
const reg = async (args: RegArgs) => {
  calls.push(args);
  return '';
};

/** Windows-style registrations (a registry key naming a shared manifest), on this OS's file system. */
function registration(browser: 'chrome' | 'edge' | 'firefox'): HostLocation {
  const family = browser === 'firefox' ? 'firefox' : 'chromium';
  return {
    browser,
    family,
    manifestPath: join(dir, 'host', family, 'org.popbiff.host.json'),
    registryKey: `HKCU\\Software\\${browser}\\NativeMessagingHosts\\org.popbiff.host`,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-receipt-'));
  target = { platform: 'linux', scope: 'user', home: dir, configDir: dir };
  calls = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('install and uninstall through the receipt', () => {
  it('sets each registry key with reg.exe add and records every registration', async () => {
    const locations = [registration('chrome'), registration('edge')];
    const written = await installHost({ target, locations, nodePath: '/n/node', bundlePath: '/b/popbiff.mjs', reg });
    expect(calls).toEqual(
      locations.map((l) => ['add', l.registryKey, '/ve', '/t', 'REG_SZ', '/d', l.manifestPath, '/f']),
    );
    expect(written).toContain(registration('chrome').registryKey);
    const receipt = JSON.parse(readFileSync(receiptPathFor(target), 'utf8')) as { entries: HostLocation[] };
    expect(receipt.entries).toEqual(locations);
  });

  it('keeps a manifest two browsers share until the last of them is uninstalled', async () => {
    await installHost({
      target,
      locations: [registration('chrome'), registration('edge')],
      nodePath: '/n',
      bundlePath: '/b',
      reg,
    });
    calls = [];
    const first = await uninstallHost(target, (entry) => entry.browser === 'chrome', reg);
    expect(calls).toEqual([['delete', registration('chrome').registryKey, '/f']]);
    expect(first).toEqual([registration('chrome').registryKey]);
    expect(existsSync(registration('edge').manifestPath)).toBe(true);

    const rest = await uninstallHost(target, undefined, reg);
    expect(rest).toEqual([
      registration('edge').registryKey,
      registration('edge').manifestPath,
      join(dir, 'host', 'popbiff-host'),
    ]);
    expect(existsSync(receiptPathFor(target))).toBe(false);
  });

  it('adds to an earlier install instead of forgetting it', async () => {
    await installHost({ target, locations: [registration('chrome')], nodePath: '/n', bundlePath: '/b', reg });
    await installHost({
      target,
      locations: [registration('firefox'), registration('chrome')],
      nodePath: '/n',
      bundlePath: '/b',
      reg,
    });
    const receipt = JSON.parse(readFileSync(receiptPathFor(target), 'utf8')) as { entries: HostLocation[] };
    expect(receipt.entries.map((entry) => entry.browser)).toEqual(['chrome', 'firefox']);
  });

  it('removes nothing when install never ran', async () => {
    expect(await uninstallHost(target, undefined, reg)).toEqual([]);
    expect(calls).toEqual([]);
  });
});
