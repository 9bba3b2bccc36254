import type { Account } from '../shared/account';
import { PopbiffError } from '../shared/errors';
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

export async function findAccount(ctx: HandlerContext, accountId: string): Promise<Account> {
  const { settings } = await ctx.store.read();
  const account = settings.accounts.find((a) => a.id === accountId);
  if (!account) throw new PopbiffError('BAD_REQUEST', 'There is no such account.');
  return account;
}

export async function withHost<T>(ctx: HandlerContext, use: (host: HostSession) => Promise<T>): Promise<T> {
  const host = ctx.openHost();
  try {
    return await use(host);
  } finally {
    host.close();
  }
}
