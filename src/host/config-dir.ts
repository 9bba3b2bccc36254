import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';
import { PopbiffError } from '../shared/errors';

/**
 * Where the host keeps its secrets file, per-account state and log. POPBIFF_CONFIG_DIR wins, so
 * tests (and the browser, which passes its environment to the host) can point it elsewhere.
 */
export function configDirFor(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.POPBIFF_CONFIG_DIR) return env.POPBIFF_CONFIG_DIR;
  const root = userConfigRoot(env, platform, home);
  return platform === 'win32' ? win32.join(root, 'Popbiff') : join(root, platform === 'darwin' ? 'Popbiff' : 'popbiff');
}

/**
 * The folder where the OS keeps programs' per-user settings: `$XDG_CONFIG_HOME` or `~/.config`
 * (Linux and other Unix), `~/Library/Application Support` (macOS), `%APPDATA%` (Windows).
 */
export function userConfigRoot(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA ?? win32.join(home, 'AppData', 'Roaming');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

/** The config dir, created private to the user (0700) if it does not exist yet. */
export function ensureConfigDir(dir: string = configDirFor()): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    throw new PopbiffError('STORAGE_FAILED', 'Could not create the Popbiff configuration folder.');
  }
  return dir;
}
