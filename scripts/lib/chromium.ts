/**
 * Starts Debian's Chromium with the built extension loaded into a throwaway profile, for the
 * demo (`npm start`) and the end-to-end tests. The flags are the ones checked on this kind of
 * machine (shared FIELD-NOTES): no sandbox as root, no network chatter, headless "new".
 */
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { DEV_CHROMIUM_ID } from '../../src/shared/extension-ids';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The unpacked extension's id: the development key's (manifest.json `key`). */
export const EXTENSION_ID = DEV_CHROMIUM_ID;

/** The little of the `chrome` global that code evaluated inside the extension uses. */
export interface ChromeGlobal {
  chrome: {
    action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
    storage: { local: { get(keys: string | null): Promise<Record<string, unknown>> } };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  openPage(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  badgeText(): Promise<string>;
  close(): Promise<void>;
}

export async function launchWithExtension(options: {
  profileDir: string;
  extensionDir: string;
  headless: boolean;
  env: NodeJS.ProcessEnv;
  /** More Chromium flags, e.g. `--lang=es` for the UI language. */
  extraArgs?: string[];
}): Promise<ExtensionBrowser> {
  const extensionDir = resolve(options.extensionDir);
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.headless ? ['--headless=new'] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(options.extraArgs ?? []),
    ],
    env: options.env,
    viewport: null,
  });

  const worker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));

  return {
    context,
    extensionId: EXTENSION_ID,
    worker,
    async openPage(path, viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(`chrome-extension://${EXTENSION_ID}/${path}`);
      return page;
    },
    async badgeText() {
      return (await worker()).evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.action.getBadgeText({}));
    },
    close: () => context.close(),
  };
}
