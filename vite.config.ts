import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type UserConfig } from 'vite';

/**
 * Three builds from one config, chosen by mode (scripts/build.ts runs them in turn):
 * - `pages`: popup and options (Preact) into dist/ext,
 * - `background`: the worker as one classic script (Chrome's service worker and Firefox's event
 *   page both load it without module support),
 * - `host`: the native host and CLI as one Node file with every dependency inlined, so it starts
 *   without a node_modules lookup.
 */
const root = import.meta.dirname;
const ext = resolve(root, 'dist/ext');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

const builds: Record<string, UserConfig> = {
  pages: {
    root: resolve(root, 'src'),
    base: '/',
    plugins: [preact()],
    build: {
      outDir: ext,
      emptyOutDir: false,
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: {
          popup: resolve(root, 'src/popup/index.html'),
          options: resolve(root, 'src/options/index.html'),
        },
      },
    },
  },
  background: {
    build: {
      outDir: ext,
      emptyOutDir: false,
      lib: {
        entry: resolve(root, 'src/background/index.ts'),
        formats: ['iife'],
        name: 'popbiffBackground',
        fileName: () => 'background.js',
      },
    },
  },
  host: {
    build: {
      outDir: resolve(root, 'dist/host'),
      emptyOutDir: true,
      ssr: resolve(root, 'src/host/main.ts'),
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'popbiff.mjs' } },
    },
    ssr: { noExternal: true, target: 'node' },
  },
};

export default defineConfig(({ mode }) => {
  const config = builds[mode];
  if (!config) throw new Error(`Unknown build mode "${mode}"; use one of: ${Object.keys(builds).join(', ')}`);
  return { ...config, logLevel: 'warn', define: { __POPBIFF_VERSION__: JSON.stringify(version) } };
});
