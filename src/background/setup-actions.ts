import type { Account } from '../shared/account';
import { validSettings } from '../storage/settings';
import type { HandlerContext } from './handler-context';
import { withHost } from './host-client';
import type { GlobalSettingsChange, UiResults } from '../ui-messages';

/** What the options page asks while the user sets Popbiff up: test, autoconfigure, save globals. */

/**
 * A test sign-in with the form's settings, before they are saved: the typed password goes to the
 * host for this one session only (never stored, never in the reply's transcript).
 */
export async function testAccount(
  ctx: HandlerContext,
  account: Account,
  password: string | undefined,
): Promise<UiResults['test-account']> {
  const payload = { accountId: account.id, server: account.server };
  return withHost(ctx, (host) =>
    host.request(
      'test-account',
      password === undefined || password === '' ? payload : { ...payload, secret: password },
    ),
  );
}

export async function autoconfig(ctx: HandlerContext, address: string): Promise<UiResults['autoconfig']> {
  return withHost(ctx, (host) => host.request('autoconfig', { address: address.trim() }));
}

/** The page never writes storage itself: every change is validated here, by the one schema. */
export async function saveSettings(
  ctx: HandlerContext,
  change: GlobalSettingsChange,
): Promise<UiResults['save-settings']> {
  const snapshot = await ctx.store.update(({ settings }) => {
    const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    return { settings: validSettings({ ...settings, ...defined }) };
  });
  await ctx.refresh(snapshot);
  return { saved: true };
}
