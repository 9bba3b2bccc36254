/**
 * The Chromium OAuth scenario (chromium-oauth.test.ts) in headless Firefox ESR: the options
 * page's "Sign in with Local Test" runs `identity.launchWebAuthFlow`, the local authorization
 * server redirects to Firefox's redirect URL (https://<SHA-1 of the add-on id>.extensions.allizom.org/oauth,
 * intercepted by Firefox itself: no network), the real host redeems the code and the first
 * check signs in by XOAUTH2 to a fake POP3 server. No issued token may appear in the
 * extension's storage or the host's log; a forged state and a denied consent each end in their
 * own sentence on the options page.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIREFOX_EXTENSION_ID,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  registerHostForFirefox,
  waitUntil,
} from '../../scripts/lib/firefox';
import {
  buildWithLocalOAuth,
  extensionStorageText,
  LOCAL_SERVER,
  searchForTokens,
  startXoauth2Server,
  type Xoauth2Server,
  xoauth2Responses,
} from '../helpers/local-oauth';
import { type AuthorizeMode, type OAuthTestServer, startOAuthTestServer } from '../helpers/oauth-test-server';

const USER = 'ada@example.org';
/** A sign-in window, a redirect and the page's sentence: seconds, or far longer on a busy machine. */
const REFUSAL_TIMEOUT_MS = 30_000;
const SIGNED_IN = 'Signed in with Local Test. Save the account to use it.';
const WAIT_MS = 15_000;

let dir: string;
let oauth: OAuthTestServer;
let pop: Xoauth2Server;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-e2e-firefox-oauth-'));
  oauth = await startOAuthTestServer();
  pop = await startXoauth2Server(oauth, USER, 3);
  const build = await buildWithLocalOAuth(join(dir, 'build'), oauth);
  const home = join(dir, 'home');
  const env = { ...process.env, HOME: home, POPBIFF_CONFIG_DIR: join(dir, 'config') };
  registerHostForFirefox(env, build.hostBundle);
  firefox = await launchFirefoxWithExtension({ home, extensionDir: build.firefox, env });
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await pop?.pop.close();
  await oauth?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The text of the first element matching `selector`, or '' when there is none yet. */
const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);

/**
 * Clicks the button whose whole text is `name`, in the page itself (HTMLElement.click). A pointer
 * click at the button's coordinates could land beside it: the options page moves as the host's
 * status arrives, and under load that happened between locating the button and clicking it.
 */
async function clickButton(page: Page, name: string): Promise<void> {
  const click = () =>
    page.evaluate((text) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
      button?.click();
      return button !== undefined;
    }, name);
  await waitUntil(click, (clicked) => clicked, `the button "${name}"`, WAIT_MS);
}

/** The options form of a new account on the fake server, up to the sign-in button. */
async function newLocalAccountForm(): Promise<Page> {
  const options = await firefox.openPage('options/index.html');
  await clickButton(options, 'Add account');
  await clickButton(options, 'Edit settings manually');
  await options.locator('#account-name').setTimeout(WAIT_MS).fill('Ada');
  await options.locator('#account-security').fill('plain');
  await options.locator('#account-allowPlaintext').setTimeout(WAIT_MS).wait();
  await options.$eval('#account-allowPlaintext', (box) => (box as HTMLInputElement).click());
  await options.locator('#account-host').fill(LOCAL_SERVER);
  await options.locator('#account-port').fill(String(pop.pop.port));
  await options.locator('#account-username').fill(USER);
  return options;
}

/** The authorize endpoint answers as `mode`: the options page shows `sentence`, and no code is redeemed. */
async function expectRefusal(mode: AuthorizeMode, sentence: string): Promise<void> {
  oauth.authorizeMode = mode;
  const redeemed = oauth.tokenRequests.length;
  const options = await newLocalAccountForm();
  try {
    await clickButton(options, 'Sign in with Local Test');
    const detail = await waitUntil(
      () => textOf(options, '.oauth-sign-in .error-detail'),
      (text) => text !== '',
      'the sign-in error',
    );
    expect(detail).toBe(sentence);
    expect(await textOf(options, '.oauth-sign-in .ok')).toBe('');
    expect(oauth.tokenRequests.length).toBe(redeemed);
  } finally {
    oauth.authorizeMode = 'consent';
    await options.close();
  }
}

describe('OAuth sign-in in Firefox', () => {
  it('signs in through Firefox, the host redeems the code, and a check signs in by XOAUTH2', async () => {
    const options = await newLocalAccountForm();
    await clickButton(options, 'Sign in with Local Test');
    expect(
      await waitUntil(
        () => textOf(options, '.oauth-sign-in .ok'),
        (t) => t !== '',
        'the sign-in',
      ),
    ).toBe(SIGNED_IN);
    // Firefox's redirect URL is named after the add-on id's SHA-1, not the profile's UUID.
    const hash = createHash('sha1').update(FIREFOX_EXTENSION_ID).digest('hex');
    expect(oauth.authorizeRequests[0]?.searchParams.get('redirect_uri')).toBe(
      `https://${hash}.extensions.allizom.org/oauth`,
    );
    expect(oauth.tokenRequests.map((form) => form.grant_type)).toEqual(['authorization_code']);

    await clickButton(options, 'Save account');
    await options.locator('::-p-text(Saved)').setTimeout(WAIT_MS).wait();
    expect(
      await waitUntil(
        () => firefox.badgeText(),
        (text) => text === '3',
        'the badge after the first check',
      ),
    ).toBe('3');
    expect(xoauth2Responses(oauth, USER)).toContain(pop.responses.at(-1));
    await options.close();
  }, 60_000);

  it('keeps every token out of storage.local, .sync and .session, and out of the host log', async () => {
    expect(oauth.issued.refresh).toHaveLength(1);
    const page = await firefox.openPage('options/index.html');
    const storage = await page.evaluate(extensionStorageText);
    await page.close();
    expect(searchForTokens(oauth, storage, join(dir, 'config'))).toEqual({
      accountStored: true,
      exchangeLogged: true,
      leaked: [],
    });
  });

  it(
    'a sign-in answered with another state says the response did not match, in Firefox too',
    () => expectRefusal('wrong-state', 'The sign-in response did not match the request; try again.'),
    REFUSAL_TIMEOUT_MS,
  );

  it(
    'a denied consent says the sign-in was cancelled or not granted, in Firefox too',
    () => expectRefusal('access-denied', 'Sign-in was cancelled or access was not granted.'),
    REFUSAL_TIMEOUT_MS,
  );
});
