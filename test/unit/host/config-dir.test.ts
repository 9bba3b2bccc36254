import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modeOf, useTempDir } from '../../helpers/temp-dir';
import { configDirFor, ensureConfigDir } from '../../../src/host/config-dir';

const tempDir = useTempDir();

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
    const created = ensureConfigDir(join(tempDir(), 'nested', 'popbiff'));
    expect(modeOf(created)).toBe(0o700);
  });
});
