import type { Account } from '../shared/account';
import { PopbiffError } from '../shared/errors';
import { Settings } from '../settings';
import type { CheckRunner } from './check-runner';
import type { Deleter } from './deleter';
import type { HostSession } from './host-client';
import type { IdentityApi } from './oauth-flow';
import type { NotificationsApi, PermissionsApi, TabsApi, WindowsApi } from './platform';
import type { Snapshot, Store } from './store';

/** What the UI handlers act on; the worker wires the real pieces in, tests fakes. */
export interface HandlerContext {
  store: Store;
  runner: CheckRunner;
  openHost: () => HostSession;
  tabs: TabsApi;
  windows: WindowsApi | undefined;
  permissions: PermissionsApi;
  notifications: NotificationsApi;
  now: () => number;
  /** Re-syncs alarms and redraws the badge from a snapshot. */
  refresh: (snapshot: Snapshot) => Promise<void>;
  /** Starts work that outlives the reply (the first check after a save). */
  spawn: (task: Promise<unknown>) => void;
  /** Holds deletions on the server through their undo window. */
  deleter: Deleter;
  /** The browser's OAuth sign-in window; absent where the browser has none. */
  identity?: IdentityApi | undefined;
}

/** Validates a whole settings object, refusing it with the schema's first complaint. */
export function validSettings(candidate: unknown): Settings {
  const checked = Settings.safeParse(candidate);
  if (!checked.success)
    throw new PopbiffError('BAD_REQUEST', checked.error.issues[0]?.message ?? 'The settings are not valid.');
  return checked.data;
}

export async function findAccount(ctx: HandlerContext, accountId: string): Promise<Account> {
  const { settings } = await ctx.store.read();
  const account = settings.accounts.find((a) => a.id === accountId);
  if (!account) throw new PopbiffError('BAD_REQUEST', 'There is no such account.');
  return account;
}

/** Opens a host session for `use` and closes it afterwards, whether `use` succeeds or fails. */
export async function withHost<T>(
  ctx: { openHost: () => HostSession },
  use: (host: HostSession) => Promise<T>,
): Promise<T> {
  const host = ctx.openHost();
  try {
    return await use(host);
  } finally {
    host.close();
  }
}
