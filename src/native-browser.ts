/**
 * The browser's own `browser` namespace, typed like webextension-polyfill. Firefox has always
 * had it and Chromium has it since 148, where the polyfill does nothing but hand it back; the
 * popup build uses this module in the polyfill's place (vite.config.ts), keeping ~3 KB gzip of
 * dead wrapper code out of its 12 KB budget.
 */
import type { Browser } from 'webextension-polyfill';

const browser = (globalThis as unknown as { browser: Browser }).browser;
export default browser;
