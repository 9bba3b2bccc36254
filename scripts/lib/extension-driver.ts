/**
 * Drives the loaded extension the way its own pages do: through runtime messages to the
 * background (the same `save-account` the options form sends) and by reading its storage.
 */
import type { Account } from '../../src/shared/account';
import type { ExtensionBrowser, ChromeGlobal } from './chromium';

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

/** Resolves once every configured account has been checked once (bounded). */
export async function waitForFirstCheck(browser: ExtensionBrowser, timeoutMs = 30_000): Promise<void> {
  const worker = await browser.worker();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const checked = await worker.evaluate(async () => {
      const { state } = await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('state');
      const accounts = Object.values(
        (state as { accounts?: Record<string, { lastCheckAt?: number }> } | undefined)?.accounts ?? {},
      );
      return accounts.length > 0 && accounts.every((a) => a.lastCheckAt !== undefined);
    });
    if (checked) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The first check did not finish within ${timeoutMs / 1000} s.`);
}
