import type { AccountState, ExtensionState } from '../account-state';
import type { Settings } from '../settings';

/**
 * The storage keys and empty values, without the zod schemas: importing any value from
 * settings.ts or account-state.ts pulls all their schemas (≈ 10 KB gzip) into the popup, whose
 * budget is 12 KB. A unit test keeps these equal to the originals.
 */
export const SETTINGS_KEY = 'settings';
export const STATE_KEY = 'state';
export const NO_ACCOUNT_STATE: AccountState = { count: 0, unseenCount: 0, unseen: [], failures: 0 };

export type ExtensionData =
  | { status: 'loading' }
  | { status: 'ready'; settings: Settings; state: ExtensionState }
  /** The stored settings are unreadable; the UI says so rather than showing an empty list. */
  | { status: 'broken' };

/** Turns what storage.local holds under both keys into what a page renders. */
export type StoredReader = (stored: Record<string, unknown>) => ExtensionData;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The popup's reader: a shape check only. The background is the only writer of both keys and
 * validates what it writes; the options page reads with the full schemas.
 */
export const readShallow: StoredReader = (stored) => {
  const settings = stored[SETTINGS_KEY];
  const state = stored[STATE_KEY];
  const emptyState: ExtensionState = { version: 1, accounts: {} };
  if (settings === undefined) {
    return { status: 'ready', settings: { version: 1, accounts: [], notifications: true }, state: emptyState };
  }
  if (!isRecord(settings) || settings.version !== 1 || !Array.isArray(settings.accounts)) return { status: 'broken' };
  const readableState = isRecord(state) && state.version === 1 && isRecord(state.accounts);
  return {
    status: 'ready',
    settings: settings as Settings,
    state: readableState ? (state as ExtensionState) : emptyState,
  };
};
