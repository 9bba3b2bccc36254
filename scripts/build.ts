/**
 * `npm run build`: the extension for Chrome and Firefox from one manifest, the host bundle (npm)
 * and the host script of the self-contained executable (dist/sea).
 * dist/chrome and dist/firefox differ only in their manifest.
 *
 * `--out DIR` builds into DIR (emptied first) instead of dist/, without the executable's script:
 * tests that need a build with other settings (VITE_POPBIFF_* in the environment) leave dist/ as
 * it is.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');

/** Where each build mode of vite.config.ts writes, under the output folder. */
const MODE_DIRS = { popup: 'ext', options: 'ext', background: 'ext', host: 'host', sea: 'sea' } as const;
type Mode = keyof typeof MODE_DIRS;

type Manifest = Record<string, unknown> & { background: Record<string, unknown> };

export function manifestFor(target: 'chrome' | 'firefox', source: Manifest, version: string): Manifest {
  const { key, browser_specific_settings, background, minimum_chrome_version, ...common } = source;
  if (target === 'chrome') {
    // 148: the first Chromium with the `browser` namespace, which the popup uses directly.
    return {
      ...common,
      version,
      key,
      minimum_chrome_version,
      background: { service_worker: background.service_worker },
    };
  }
  return { ...common, version, browser_specific_settings, background: { scripts: background.scripts } };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = values.out === undefined ? resolve(root, 'dist') : resolve(values.out);
  const dist = (...parts: string[]) => resolve(out, ...parts);
  const modes: Mode[] = ['popup', 'options', 'background', 'host'];
  if (values.out === undefined) modes.push('sea');
  rmSync(dist(), { recursive: true, force: true });
  for (const mode of modes) {
    await build({ configFile: resolve(root, 'vite.config.ts'), mode, build: { outDir: dist(MODE_DIRS[mode]) } });
  }
  const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  const source = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')) as Manifest;
  for (const target of ['chrome', 'firefox'] as const) {
    mkdirSync(dist(target), { recursive: true });
    cpSync(dist('ext'), dist(target), { recursive: true });
    cpSync(resolve(root, 'icons'), dist(target, 'icons'), { recursive: true });
    cpSync(resolve(root, 'src/_locales'), dist(target, '_locales'), { recursive: true });
    writeFileSync(dist(target, 'manifest.json'), JSON.stringify(manifestFor(target, source, version), null, 2));
  }
  rmSync(dist('ext'), { recursive: true });
  console.error(`built chrome, firefox and host in ${out} (version ${version})`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
