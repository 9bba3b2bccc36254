import { withHost, type HostSession } from './host-client';
import type { Store } from './store';

/**
 * When the browser starts the extension, the host hears which accounts it has, and drops what it
 * keeps for this extension's other accounts (a sign-in of a form never saved, an account removed
 * while the host was missing). The host knows which extension stored what, so another browser's
 * accounts in the same host folder stay.
 */
export async function forgetLeftovers(store: Pick<Store, 'read'>, openHost: () => HostSession): Promise<void> {
  const { settings } = await store.read();
  const accountIds = settings.accounts.map((account) => account.id);
  await withHost({ openHost }, (host) => host.request('retain-accounts', { accountIds }));
}

/**
 * Messages after which the host keeps something for an account (a password, a command, an OAuth
 * token). They never run beside start-up's clean-up above (worker.ts): a list of accounts read
 * between a save's password and its settings would make the host drop that password.
 */
const STORES_ON_HOST: ReadonlySet<unknown> = new Set(['save-account', 'save-settings', 'set-command', 'oauth-sign-in']);

export function storesOnHost(message: unknown): boolean {
  return typeof message === 'object' && message !== null && STORES_ON_HOST.has((message as { type?: unknown }).type);
}
