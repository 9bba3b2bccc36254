/**
 * Starts Debian's Firefox ESR headless with the built extension, over WebDriver BiDi (puppeteer-
 * core), for the Firefox end-to-end test. Firefox looks for host manifests only under
 * `$HOME/.mozilla/native-messaging-hosts`, so each run gets its own HOME, where the project's own
 * `popbiff install --browser firefox` registers the host, exactly as a user would.
 *
 * Extension pages: BiDi only navigates a tab to `moz-extension://` when Firefox was started with
 * `--remote-allow-system-access` (checked with Firefox ESR 153); the navigation then never
 * reports "loaded" to puppeteer, so we start it, ignore that, and poll the page's own
 * `location.href` until the extension page is there. No test-only code in the product.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_EXTENSION_IDS } from '../../src/shared/extension-ids';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_ID = FIREFOX_EXTENSION_IDS[0];
const HOST_BUNDLE = resolve(import.meta.dirname, '../../dist/host/popbiff.mjs');
const PAGE_TIMEOUT_MS = 15_000;

/** The little of the `browser` global that code evaluated inside an extension page uses. */
export interface BrowserGlobal {
  browser: {
    action: { getBadgeText(details: object): Promise<string> };
    storage: { local: { get(key?: string | null): Promise<Record<string, unknown>> } };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The moz-extension:// origin's UUID, pinned through a pref so URLs are known in advance. */
  uuid: string;
  /** A tab showing `path` of the extension (e.g. "options/index.html"), ready for evaluate. */
  openPage(path: string): Promise<Page>;
  badgeText(): Promise<string>;
  close(): Promise<void>;
}

/**
 * `popbiff install --browser firefox` into the given HOME (and config dir, through env), for
 * dist's host or another build's (scripts/build.ts --out).
 */
export function registerHostForFirefox(env: NodeJS.ProcessEnv, hostBundle = HOST_BUNDLE): string {
  if (!existsSync(hostBundle)) throw new Error(`${hostBundle} is missing: run "npm run build" first.`);
  return execFileSync(process.execPath, [hostBundle, 'install', '--browser', 'firefox'], { env, encoding: 'utf8' });
}

export async function launchFirefoxWithExtension(options: {
  home: string;
  extensionDir: string;
  env: NodeJS.ProcessEnv;
}): Promise<FirefoxWithExtension> {
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: join(options.home, 'firefox-profile'),
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: uuid }) },
    // Firefox passes its environment on to the host: HOME and the host's config dir with it.
    env: { ...options.env, HOME: options.home },
  });
  try {
    await browser.installExtension(resolve(options.extensionDir));
  } catch (error) {
    await browser.close();
    throw error;
  }

  const openPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    const url = `moz-extension://${uuid}/${path}`;
    // Resolves never (see above) or rejects on its own timeout; the poll below is what counts.
    page.goto(url, { timeout: PAGE_TIMEOUT_MS }).catch(() => undefined);
    await waitUntil(
      () => page.evaluate(() => location.href).catch(() => ''),
      (href) => href === url,
      `${url} to open`,
    );
    return page;
  };

  let control: Page | undefined;
  return {
    browser,
    uuid,
    openPage,
    async badgeText() {
      control ??= await openPage('options/index.html');
      return control.evaluate(() => (globalThis as unknown as BrowserGlobal).browser.action.getBadgeText({}));
    },
    close: () => browser.close(),
  };
}

/** Sends `message` to the background from an extension page, as the options page does. */
export async function sendToExtension(firefox: FirefoxWithExtension, message: unknown): Promise<unknown> {
  const page = await firefox.openPage('options/index.html');
  try {
    return await page.evaluate(
      (m) => (globalThis as unknown as BrowserGlobal).browser.runtime.sendMessage(m),
      message as object,
    );
  } finally {
    await page.close();
  }
}

/** Polls `read` until `accept` holds (bounded), returning the accepted value. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = PAGE_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!accept(last)) {
    if (Date.now() > deadline)
      throw new Error(`Waited ${timeoutMs / 1000} s for ${what}; last saw ${JSON.stringify(last)}.`);
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}
