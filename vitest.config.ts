import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Tests that change the whole machine (the .deb installs system-wide host manifests, which every
 * browser on it then finds) run on their own, after everything else: a browser test running
 * beside them would see a host where it expects none.
 */
const SYSTEM_WIDE = ['test/e2e/deb-install.test.ts'];
const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx'];

export default defineConfig({
  plugins: [preact()],
  define: { __POPBIFF_VERSION__: JSON.stringify(version) },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Live and e2e tests start real servers and browsers; two cores cannot run many at once.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'tiers', include: ALL, exclude: SYSTEM_WIDE, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'system-wide', include: SYSTEM_WIDE, sequence: { groupOrder: 1 } } },
    ],
  },
});
