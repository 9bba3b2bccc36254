import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configDirFor, ensureConfigDir } from '../../../src/host/config-dir';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-disk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('config dir', () => {
  it('prefers POPBIFF_CONFIG_DIR, then the platform convention', () => {
    expect(configDirFor({ POPBIFF_CONFIG_DIR: '/x/y' }, 'linux', '/home/a')).toBe('/x/y');
    expect(configDirFor({}, 'linux', '/home/a')).toBe('/home/a/.config/popbiff');
    expect(configDirFor({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/a')).toBe('/xdg/popbiff');
    expect(configDirFor({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Popbiff');
    expect(configDirFor({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Popbiff',
    );
  });

  it('is created private to the user', () => {
    const created = ensureConfigDir(join(dir, 'nested', 'popbiff'));
    expect(modeOf(created)).toBe(0o700);
  });
});
