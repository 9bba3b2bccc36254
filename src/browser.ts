/**
 * The only import of webextension-polyfill. The polyfill is frozen upstream now that Chromium has
 * the `browser` namespace too; keeping it behind this one module makes it easy to drop.
 */
import browser from 'webextension-polyfill';

export default browser;
export type { Browser, Runtime, Storage, Alarms, Action, Tabs } from 'webextension-polyfill';
