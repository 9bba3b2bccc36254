/**
 * Registers the built host with a throwaway Chromium profile through the project's own
 * `popbiff install`, exactly as a user would (only the profile and config folders differ).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const HOST_BUNDLE = resolve(import.meta.dirname, '../../dist/host/popbiff.mjs');

export function registerHost(options: { profileDir: string; env: NodeJS.ProcessEnv }): string {
  if (!existsSync(HOST_BUNDLE)) throw new Error('dist/host/popbiff.mjs is missing: run "npm run build" first.');
  return execFileSync(
    process.execPath,
    // --dev: the unpacked extension has the development key's id (src/shared/extension-ids.ts).
    [HOST_BUNDLE, 'install', '--dev', '--browser', 'chromium', '--profile-dir', options.profileDir],
    {
      env: options.env,
      encoding: 'utf8',
    },
  );
}
