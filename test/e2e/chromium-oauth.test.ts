/**
 * OAuth sign-in end to end in real headless Chromium (issue 10): the options page's "Sign in
 * with …" button runs `identity.launchWebAuthFlow` against a local authorization server, which
 * redirects at once to the browser's own redirect URL (https://<id>.chromiumapp.org/oauth,
 * intercepted by Chromium: no network); the real host redeems the code at the local token
 * endpoint and a check signs in by XOAUTH2 to a fake POP3 server. No token the server issued
 * may appear in the extension's storage or the host's log. A forged state, a redirect to
 * another path and a denied consent each end in their own sentence on the options page.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../../scripts/lib/chromium';
import { registerHost } from '../../scripts/lib/host-registration';
import { eventually } from '../helpers/eventually';
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

let dir: string;
let oauth: OAuthTestServer;
let pop: Xoauth2Server;
let browser: ExtensionBrowser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-e2e-oauth-'));
  oauth = await startOAuthTestServer();
  pop = await startXoauth2Server(oauth, USER, 3);
  const build = await buildWithLocalOAuth(join(dir, 'build'), oauth);
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  const env = { ...process.env, POPBIFF_CONFIG_DIR: join(dir, 'config') };
  registerHost({ profileDir, env, hostBundle: build.hostBundle });
  browser = await launchWithExtension({ profileDir, extensionDir: build.chrome, headless: true, env });
  await browser.worker();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pop?.pop.close();
  await oauth?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The options form of a new account on the fake server, up to the sign-in button. */
async function newLocalAccountForm(): Promise<Page> {
  const options = await browser.openPage('options/index.html');
  await options.getByRole('button', { name: 'Add account' }).click();
  await options.getByRole('button', { name: 'Edit settings manually' }).click();
  await options.getByLabel('Account name').fill('Ada');
  await options.getByLabel('Security').selectOption('plain');
  await options.getByLabel('Allow clear text').check();
  await options.getByLabel('Email server').fill(LOCAL_SERVER);
  await options.getByLabel('Port', { exact: true }).fill(String(pop.pop.port));
  await options.getByLabel('User name').fill(USER);
  return options;
}

/** The authorize endpoint answers as `mode`: the options page shows `sentence`, and no code is redeemed. */
async function expectRefusal(mode: AuthorizeMode, sentence: string): Promise<void> {
  oauth.authorizeMode = mode;
  const redeemed = oauth.tokenRequests.length;
  const options = await newLocalAccountForm();
  try {
    await options.getByRole('button', { name: 'Sign in with Local Test' }).click();
    await options.getByRole('alert').getByText(sentence, { exact: true }).waitFor({ timeout: 15_000 });
    expect(await options.getByText(SIGNED_IN).count()).toBe(0);
    expect(oauth.tokenRequests.length).toBe(redeemed);
  } finally {
    oauth.authorizeMode = 'consent';
    await options.close();
  }
}

describe('OAuth sign-in in Chromium', () => {
  it('signs in through the browser, the host redeems the code, and a check signs in by XOAUTH2', async () => {
    const options = await newLocalAccountForm();
    await options.getByRole('button', { name: 'Sign in with Local Test' }).click();
    await options.getByText(SIGNED_IN).waitFor({ timeout: 15_000 });
    expect(oauth.authorizeRequests).toHaveLength(1);
    expect(oauth.authorizeRequests[0]?.searchParams.get('redirect_uri')).toBe(
      `https://${browser.extensionId}.chromiumapp.org/oauth`,
    );
    expect(oauth.tokenRequests.map((form) => form.grant_type)).toEqual(['authorization_code']);

    await options.getByRole('button', { name: 'Save account' }).click();
    await options.getByText('Saved').waitFor({ timeout: 10_000 });
    expect(
      await eventually(
        () => browser.badgeText(),
        (text) => text === '3',
        'badge after the first check',
      ),
    ).toBe('3');
    expect(xoauth2Responses(oauth, USER)).toContain(pop.responses.at(-1));
    await options.close();
  }, 60_000);

  it('keeps every token out of storage.local, .sync and .session, and out of the host log', async () => {
    expect(oauth.issued.refresh).toHaveLength(1);
    const page = await browser.openPage('options/index.html');
    const storage = await page.evaluate(extensionStorageText);
    await page.close();
    expect(searchForTokens(oauth, storage, join(dir, 'config'))).toEqual({
      accountStored: true,
      exchangeLogged: true,
      leaked: [],
    });
  });

  it(
    'a sign-in answered with another state says the response did not match, and sends no code to the host',
    () => expectRefusal('wrong-state', 'The sign-in response did not match the request; try again.'),
    REFUSAL_TIMEOUT_MS,
  );

  it(
    'a sign-in redirected to another path says it returned to an unexpected address, and sends no code to the host',
    () => expectRefusal('other-path', 'The sign-in page returned to an unexpected address.'),
    REFUSAL_TIMEOUT_MS,
  );

  it(
    'a denied consent says the sign-in was cancelled or not granted, and sends no code to the host',
    () => expectRefusal('access-denied', 'Sign-in was cancelled or access was not granted.'),
    REFUSAL_TIMEOUT_MS,
  );
});
