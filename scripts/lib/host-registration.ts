/**
 * Registers the built host with a throwaway Chromium profile through the project's own
 * `popbiff install`, exactly as a user would (only the profile and config folders differ).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const HOST_BUNDLE = resolve(import.meta.dirname, '../../dist/host/popbiff.mjs');

export function registerHost(options: {
  profileDir: string;
  env: NodeJS.ProcessEnv;
  /** Another build's host (scripts/build.ts --out); dist's by default. */
  hostBundle?: string;
}): string {
  const bundle = options.hostBundle ?? HOST_BUNDLE;
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run "npm run build" first.`);
  return execFileSync(
    process.execPath,
    // --dev: the unpacked extension has the development key's id (src/shared/extension-ids.ts).
    [bundle, 'install', '--dev', '--browser', 'chromium', '--profile-dir', options.profileDir],
    {
      env: options.env,
      encoding: 'utf8',
    },
  );
}
