import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hostManifest,
  launcherPath,
  launcherScript,
  nodePathInLauncher,
  shellQuote,
} from '../../../../src/host/install/host-files';
import { BROWSERS, PLATFORMS, type InstallTarget, hostLocation } from '../../../../src/host/install/locations';
import { majorOf } from '../../../../src/host/install/node-version';
import { parseRegQuery, regAddArgs, regDeleteArgs, regQueryArgs } from '../../../../src/host/install/registry';
import { CHROMIUM_EXTENSION_IDS, FIREFOX_EXTENSION_IDS } from '../../../../src/shared/extension-ids';
import { HOST_NAME } from '../../../../src/shared/protocol';

const targets: Record<(typeof PLATFORMS)[number], InstallTarget> = {
  linux: { platform: 'linux', scope: 'user', home: '/h', configDir: '/h/.config/popbiff' },
  darwin: {
    platform: 'darwin',
    scope: 'user',
    home: '/Users/u',
    configDir: '/Users/u/Library/Application Support/Popbiff',
  },
  win32: {
    platform: 'win32',
    scope: 'user',
    home: 'C:\\Users\\u',
    configDir: 'C:\\Users\\u\\AppData\\Roaming\\Popbiff',
  },
};

describe('host manifests for every OS × browser', () => {
  const cases = PLATFORMS.flatMap((platform) => BROWSERS.map((browser) => [platform, browser] as const));

  it.each(cases)('%s %s: exactly our ids, never a wildcard, path = the launcher', (platform, browser) => {
    const target = targets[platform];
    const location = hostLocation(target, browser);
    const manifest = hostManifest(location.family, launcherPath(target));
    expect(manifest.name).toBe(HOST_NAME);
    expect(manifest.type).toBe('stdio');
    expect(manifest.path).toBe(launcherPath(target));
    if (location.family === 'firefox') {
      expect(manifest).not.toHaveProperty('allowed_origins');
      expect(manifest.allowed_extensions).toEqual([...FIREFOX_EXTENSION_IDS]);
    } else {
      expect(manifest).not.toHaveProperty('allowed_extensions');
      expect(manifest.allowed_origins).toEqual(CHROMIUM_EXTENSION_IDS.map((id) => `chrome-extension://${id}/`));
    }
    expect(JSON.stringify(manifest)).not.toContain('*');
  });

  it.each([
    ['linux', '/h/.config/popbiff/host/popbiff-host'],
    ['darwin', '/Users/u/Library/Application Support/Popbiff/host/popbiff-host'],
    ['win32', 'C:\\Users\\u\\AppData\\Roaming\\Popbiff\\host\\popbiff-host.cmd'],
  ] as const)('%s launcher lives at %s', (platform, path) => {
    expect(launcherPath(targets[platform])).toBe(path);
  });
});

describe('launchers', () => {
  it('writes a Windows .cmd that runs the pinned node with the bundle and every argument', () => {
    const script = launcherScript('win32', 'C:\\Program Files\\nodejs\\node.exe', 'C:\\Users\\u\\100%\\popbiff.mjs');
    expect(script).toBe(
      '@echo off\r\nrem Written by "popbiff install"; rerun it after moving node or Popbiff.\r\n' +
        '"C:\\Program Files\\nodejs\\node.exe" "C:\\Users\\u\\100%%\\popbiff.mjs" %*\r\n',
    );
    expect(nodePathInLauncher(script)).toBe('C:\\Program Files\\nodejs\\node.exe');
  });

  it('writes a launcher that survives awkward paths and whose node path doctor can read back', () => {
    const nodePath = '/opt/my "node" $HOME/`x`\\bin/node';
    const script = launcherScript('darwin', nodePath, '/srv/popbiff/dist/host/popbiff.mjs');
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

describe('reg.exe argv', () => {
  const key = `HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\${HOST_NAME}`;
  const manifest = 'C:\\Users\\u\\AppData\\Roaming\\Popbiff\\host\\chromium\\org.popbiff.host.json';

  it('sets the default value to the manifest path without prompting', () => {
    expect(regAddArgs(key, manifest)).toEqual(['add', key, '/ve', '/t', 'REG_SZ', '/d', manifest, '/f']);
  });

  it('deletes and queries the same key', () => {
    expect(regDeleteArgs(key)).toEqual(['delete', key, '/f']);
    expect(regQueryArgs(key)).toEqual(['query', key, '/ve']);
  });

  it('reads the manifest path back from reg query output', () => {
    const output = `\r\n${key}\r\n    (Default)    REG_SZ    ${manifest}\r\n\r\n`;
    expect(parseRegQuery(output)).toBe(manifest);
    expect(parseRegQuery('ERROR: The system was unable to find the specified registry key or value.')).toBeUndefined();
  });
});

describe('node versions', () => {
  it.each([
    ['v20.20.0', 20],
    ['v18.19.1\n', 18],
    ['20.1.0', undefined],
    ['garbage', undefined],
  ] as const)('%j has major %s', (text, major) => {
    expect(majorOf(text)).toBe(major);
  });
});
