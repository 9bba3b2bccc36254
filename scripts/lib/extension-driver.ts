/**
 * Drives the loaded extension the way its own pages do: through runtime messages to the
 * background (the same `save-account` the options form sends) and by reading its storage.
 */
import type { Account } from '../../src/shared/account';
import { assembleState } from '../../src/storage/state-layout';
import type { ExtensionBrowser, ChromeGlobal } from './chromium';
import type { DovecotServer } from './dovecot';

export async function addAccountThroughExtension(
  browser: ExtensionBrowser,
  account: Account,
  password: string,
): Promise<void> {
  const page = await browser.openPage('options/index.html');
  try {
    const reply = await page.evaluate(
      (message) => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage(message),
      { type: 'save-account', account, password },
    );
    const ok = typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true;
    if (!ok) throw new Error(`The extension refused the demo account: ${JSON.stringify(reply)}`);
  } finally {
    await page.close();
  }
}

/** A page or the worker of the extension (playwright's Page and Worker both are). */
interface InExtension {
  evaluate<R>(code: () => Promise<R>): Promise<R>;
}

/** Each account's state by id, as the extension stores it, read in one of its pages or its worker. */
export async function storedAccounts(context: InExtension): Promise<Record<string, unknown>> {
  const items = await context.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.local.get(null));
  return assembleState(items)?.accounts ?? {};
}

/** Resolves once every configured account has been checked once (bounded). */
export async function waitForFirstCheck(browser: ExtensionBrowser, timeoutMs = 30_000): Promise<void> {
  const worker = await browser.worker();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const accounts = Object.values(await storedAccounts(worker)) as { lastCheckAt?: number }[];
    if (accounts.length > 0 && accounts.every((a) => a.lastCheckAt !== undefined)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The first check did not finish within ${timeoutMs / 1000} s.`);
}

/** Adds a Dovecot account by filling in the options form by hand, as a user would. */
export async function addAccountInOptionsPage(
  browser: ExtensionBrowser,
  dovecot: DovecotServer,
  user: string,
  password: string,
): Promise<void> {
  const options = await browser.openPage('options/index.html');
  // Adding starts from the email address; a local server is set up by hand.
  await options.getByRole('button', { name: 'Add account' }).click();
  await options.getByRole('button', { name: 'Edit settings manually' }).click();
  await options.getByLabel('Account name').fill('Alice');
  await options.getByLabel('Security').selectOption('tls');
  await options.getByLabel('Email server').fill(dovecot.host);
  await options.getByLabel('Port', { exact: true }).fill(String(dovecot.pop3sPort));
  await options.getByLabel('User name').fill(user);
  await options.getByLabel('Password', { exact: true }).fill(password);
  await options.getByLabel('CA certificate file (optional)').fill(dovecot.caFile);
  await options.getByRole('button', { name: 'Save account' }).click();
  await options.getByText('Saved').waitFor({ timeout: 10_000 });
}
