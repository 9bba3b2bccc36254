import type { CheckRunner } from './check-runner';
import type { Deleter } from './deleter';
import type { HostSession } from './host-client';
import type { IdentityApi, NotificationsApi, PermissionsApi, TabsApi, WindowsApi } from './platform';
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
