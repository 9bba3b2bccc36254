/**
 * The user's first steps in Chromium that more than one e2e test takes, whichever way the host
 * was installed: add the account in the options page and see the badge count the mailbox; press
 * "Check now" in the popup and see the badge count what arrived.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import type { DovecotServer } from '../../scripts/lib/dovecot';
import { addAccountInOptionsPage } from '../../scripts/lib/extension-driver';
import { eventually } from '../helpers/eventually';

/** Fills in the options form for `user`, then waits for the first check's badge. */
export async function addAccountAndSeeBadge(
  browser: ExtensionBrowser,
  dovecot: DovecotServer,
  account: { user: string; password: string },
  badge: string,
): Promise<void> {
  await addAccountInOptionsPage(browser, dovecot, account.user, account.password);
  await expectBadge(browser, badge, 'badge after the first check');
}

/** Opens the popup, presses "Check now" and waits for the badge; the popup stays open for more checks. */
export async function checkNowAndSeeBadge(browser: ExtensionBrowser, badge: string): Promise<Page> {
  const popup = await browser.openPage('popup/index.html', { width: 400, height: 600 });
  await popup.getByRole('button', { name: 'Check now' }).click();
  await expectBadge(browser, badge, 'badge after Check now');
  return popup;
}

async function expectBadge(browser: ExtensionBrowser, badge: string, what: string): Promise<void> {
  expect(
    await eventually(
      () => browser.badgeText(),
      (text) => text === badge,
      what,
    ),
  ).toBe(badge);
}
