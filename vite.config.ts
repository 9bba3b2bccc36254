import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { noInnerHtml } from './scripts/lib/no-inner-html.ts';

/**
 * Five builds from one config, chosen by mode (scripts/build.ts runs them in turn):
 * - `popup`, `options`: the Preact pages into dist/ext, each a bundle of its own (see pageBuild),
 * - `background`: the worker as one classic script (Chrome's service worker and Firefox's event
 *   page both load it without module support),
 * - `host`: the native host and CLI with every dependency inlined, so it starts without a
 *   node_modules lookup: dist/host/popbiff.mjs plus chunks beside it that load only when needed.
 * - `sea`: the same host as one CommonJS file, dist/sea/popbiff-host.cjs, which
 *   scripts/package.ts turns into the self-contained executable.
 */
const root = import.meta.dirname;
const ext = resolve(root, 'dist/ext');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

const pagePlugins = () => [preact(), noInnerHtml()];

/** In the popup, webextension-polyfill resolves to the browser's own namespace (src/native-browser.ts). */
function nativeBrowserNamespace(): Plugin {
  return {
    name: 'popbiff-native-browser',
    enforce: 'pre',
    resolveId: (id) => (id === 'webextension-polyfill' ? resolve(root, 'src/native-browser.ts') : undefined),
  };
}

const LAZY_BUILTIN = '\0popbiff-lazy-builtin:';

/**
 * In one CommonJS file the bundler hoists every `require` of a Node built-in to the top, so the
 * executable would load tls, net, dns and child_process on every start (≈ 40 ms) even to answer
 * `hello`. Routed through a tiny CommonJS module each, a built-in loads when the first module
 * that imports it initialises: the one-file build stays as lazy as the chunked one.
 */
function lazyBuiltins(): Plugin {
  return {
    name: 'popbiff-lazy-builtins',
    enforce: 'pre',
    resolveId: (id, importer) =>
      isBuiltin(id) && importer !== undefined && !importer.startsWith(LAZY_BUILTIN) ? LAZY_BUILTIN + id : undefined,
    load: (id) =>
      id.startsWith(LAZY_BUILTIN)
        ? `module.exports = require(${JSON.stringify(id.slice(LAZY_BUILTIN.length))});`
        : undefined,
  };
}

const builds: Record<string, UserConfig> = {
  popup: pageBuild('popup', [nativeBrowserNamespace()]),
  options: pageBuild('options'),
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
      // The CLI and the POP3 engine become chunks beside popbiff.mjs that main.ts imports only
      // when needed; everything is still inlined (no node_modules lookup).
      rollupOptions: {
        output: { format: 'es', entryFileNames: 'popbiff.mjs', chunkFileNames: 'popbiff-[name]-[hash].mjs' },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  },
  // The self-contained executable's script: one CommonJS file, because inside a Node single
  // executable application `require` sees only built-ins and import() of a chunk fails.
  sea: {
    plugins: [lazyBuiltins()],
    build: {
      outDir: resolve(root, 'dist/sea'),
      emptyOutDir: true,
      ssr: resolve(root, 'src/host/sea-main.ts'),
      target: 'node24',
      rollupOptions: {
        output: { format: 'cjs', entryFileNames: 'popbiff-host.cjs', codeSplitting: false },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  },
};

/**
 * One extension page as a bundle of its own. Built together, popup and options would share a
 * chunk (Preact, the polyfill, src/ui) and the popup would load two files; alone, the popup is
 * one file with nothing the options page needs, which keeps it inside its 12 KB gzip budget.
 */
function pageBuild(page: 'popup' | 'options', extraPlugins: Plugin[] = []): UserConfig {
  return {
    root: resolve(root, 'src'),
    base: '/',
    plugins: [...extraPlugins, ...pagePlugins()],
    build: {
      outDir: ext,
      emptyOutDir: false,
      modulePreload: { polyfill: false },
      rollupOptions: { input: { [page]: resolve(root, `src/${page}/index.html`) } },
    },
  };
}

export default defineConfig(({ mode }) => {
  const config = builds[mode];
  if (!config) throw new Error(`Unknown build mode "${mode}"; use one of: ${Object.keys(builds).join(', ')}`);
  return { ...config, logLevel: 'warn', define: { __POPBIFF_VERSION__: JSON.stringify(version) } };
});
