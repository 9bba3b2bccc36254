import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostManifest, launcherPathIn, launcherScript, nodePathInLauncher, shellQuote } from '../../src/host/install/host-files';
import { defaultBrowsers, hostLocation } from '../../src/host/install/locations';
import { CHROMIUM_EXTENSION_IDS, FIREFOX_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { HOST_NAME } from '../../src/shared/protocol';

describe('host manifest locations', () => {
  it.each([
    ['linux', 'chromium', '/h/.config/chromium/NativeMessagingHosts'],
    ['linux', 'chrome', '/h/.config/google-chrome/NativeMessagingHosts'],
    ['linux', 'firefox', '/h/.mozilla/native-messaging-hosts'],
    ['darwin', 'chromium', '/h/Library/Application Support/Chromium/NativeMessagingHosts'],
    ['darwin', 'chrome', '/h/Library/Application Support/Google/Chrome/NativeMessagingHosts'],
    ['darwin', 'firefox', '/h/Library/Application Support/Mozilla/NativeMessagingHosts'],
  ] as const)('%s %s: %s', (platform, browser, dir) => {
    expect(hostLocation(platform, browser, '/h', HOST_NAME).manifestPath).toBe(`${dir}/${HOST_NAME}.json`);
  });

  it('puts Chromium-family manifests into a --user-data-dir profile, but not Firefox ones', () => {
    expect(hostLocation('linux', 'chromium', '/h', HOST_NAME, '/tmp/p')).toEqual({
      browser: 'chromium',
      family: 'chromium',
      manifestPath: `/tmp/p/NativeMessagingHosts/${HOST_NAME}.json`,
    });
    expect(hostLocation('linux', 'firefox', '/h', HOST_NAME, '/tmp/p').manifestPath).toBe(
      `/h/.mozilla/native-messaging-hosts/${HOST_NAME}.json`,
    );
  });

  it('has no table for Windows yet', () => {
    expect(() => hostLocation('win32', 'chrome', 'C:\\h', HOST_NAME)).toThrow(RangeError);
  });

  it('defaults to the browsers whose config folder exists, else chromium and firefox', () => {
    expect(defaultBrowsers('linux', '/h', (p) => p === '/h/.config/google-chrome' || p === '/h/.mozilla')).toEqual(['chrome', 'firefox']);
    expect(defaultBrowsers('linux', '/h', () => false)).toEqual(['chromium', 'firefox']);
  });
});

describe('host files', () => {
  it('allows exactly our Chromium origins, with the trailing slash', () => {
    expect(hostManifest('chromium', '/c/host/popbiff-host')).toEqual({
      name: HOST_NAME,
      description: expect.any(String),
      path: '/c/host/popbiff-host',
      type: 'stdio',
      allowed_origins: CHROMIUM_EXTENSION_IDS.map((id) => `chrome-extension://${id}/`),
    });
  });

  it('allows exactly our Firefox extension ids', () => {
    const manifest = hostManifest('firefox', '/c/host/popbiff-host');
    expect(manifest.allowed_extensions).toEqual([...FIREFOX_EXTENSION_IDS]);
    expect(manifest.allowed_origins).toBeUndefined();
  });

  it('names the launcher inside the config dir', () => {
    expect(launcherPathIn('/c')).toBe('/c/host/popbiff-host');
  });

  it('writes a launcher that survives awkward paths and whose node path doctor can read back', () => {
    const nodePath = '/opt/my "node" $HOME/`x`\\bin/node';
    const script = launcherScript(nodePath, '/srv/popbiff/dist/host/popbiff.mjs');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(nodePathInLauncher(script)).toBe(nodePath);
  });

  it('quotes for sh so that the shell gives back the exact string', () => {
    const dir = mkdtempSync(join(tmpdir(), 'popbiff-quote-'));
    try {
      const awkward = `a "b" $HOME \`id\` \\ c 'd'`;
      const script = join(dir, 'echo.sh');
      writeFileSync(script, `printf '%s' ${shellQuote(awkward)}`);
      expect(execFileSync('sh', [script], { encoding: 'utf8' })).toBe(awkward);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
