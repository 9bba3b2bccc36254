import type { AccountState, ExtensionState } from './account-state';
import { STATE_KEY, STATE_LAYOUT_VERSION, STATE_VERSION } from './keys';

/**
 * How the state lies in `storage.local`: an index under STATE_KEY naming the accounts, and each
 * account's state under its own key. A check's result then writes its own account, not every
 * account's unseen mail (with 20 accounts that was up to half a megabyte per result, serialized
 * by the browser on the worker's thread: bench/many-accounts-results.md).
 *
 * Layout 1 kept the whole state under STATE_KEY; it is still read, and the background's next
 * write replaces it. Zod-free: the popup assembles the state with this within its budget; the
 * background validates what it assembles (read-state.ts).
 */
export interface StateIndex {
  version: typeof STATE_LAYOUT_VERSION;
  /** The accounts that have state, each under accountStateKey(id). */
  accounts: string[];
}

const ACCOUNT_KEY_PREFIX = `${STATE_KEY}:`;

export function accountStateKey(accountId: string): string {
  return ACCOUNT_KEY_PREFIX + accountId;
}

/** Whether a storage change of this key is a change of the state. */
export function isStateKey(key: string): boolean {
  return key === STATE_KEY || key.startsWith(ACCOUNT_KEY_PREFIX);
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a value has the state's outer shape (version and accounts by id): the state as pages
 * hold it, the glance, and layout 1's whole state under STATE_KEY (still read, never written).
 */
export function hasStateShape(
  stored: unknown,
): stored is { version: typeof STATE_VERSION; accounts: Record<string, unknown> } {
  return isRecord(stored) && stored.version === STATE_VERSION && isRecord(stored.accounts);
}

// The ids only name items to look up: one that is not a string names none.
function isIndex(stored: unknown): stored is StateIndex {
  return isRecord(stored) && stored.version === STATE_LAYOUT_VERSION && Array.isArray(stored.accounts);
}

/**
 * The state as stored items (what `storage.local.get` returned) hold it, unchecked but for the
 * accounts' outer shape: an account the index names but no readable item holds is left out. Undefined when no readable state is stored.
 */
export function assembleState(
  items: Record<string, unknown>,
): { version: number; accounts: Record<string, unknown> } | undefined {
  const stored = items[STATE_KEY];
  if (hasStateShape(stored)) return stored;
  if (!isIndex(stored)) return undefined;
  const accounts: Record<string, unknown> = {};
  for (const id of stored.accounts) {
    const account = items[accountStateKey(id)];
    // The popup checks no more than this: what every page reads of an account without asking.
    if (isRecord(account) && Array.isArray(account.unseen)) accounts[id] = account;
  }
  return { version: STATE_VERSION, accounts };
}

/** The accounts' items that the index does not name (all of them in layout 1): read by no one. */
export function unnamedItems(items: Record<string, unknown>): string[] {
  const stored = items[STATE_KEY];
  const named = new Set((isIndex(stored) ? stored.accounts : []).map(accountStateKey));
  return Object.keys(items).filter((key) => key.startsWith(ACCOUNT_KEY_PREFIX) && !named.has(key));
}

/**
 * Whether the items hold `state` (read from them) in the current layout, every account the index
 * names readable: then a write need only store what changed since.
 */
export function inCurrentLayout(items: Record<string, unknown>, state: ExtensionState): boolean {
  const stored = items[STATE_KEY];
  return isIndex(stored) && sameIds(Object.keys(state.accounts), stored.accounts);
}

/** What a write of `state` stores, when `before` is what storage already holds (undefined: nothing readable). */
export interface StateWrite {
  items: Record<string, unknown>;
  /** Keys of accounts that are gone: removed after the index no longer names them. */
  removed: string[];
}

/**
 * The items that take storage from `before` to `state`: the accounts whose state changed (the
 * snapshots are immutable, so a changed account is a new object), and the index when the set of
 * accounts changed.
 */
export function stateWrite(state: ExtensionState, before: ExtensionState | undefined): StateWrite {
  const items: Record<string, unknown> = {};
  for (const [id, account] of Object.entries(state.accounts)) {
    if (before?.accounts[id] !== account) items[accountStateKey(id)] = account satisfies AccountState;
  }
  const ids = Object.keys(state.accounts);
  const beforeIds = before ? Object.keys(before.accounts) : undefined;
  if (!sameIds(ids, beforeIds))
    items[STATE_KEY] = { version: STATE_LAYOUT_VERSION, accounts: ids } satisfies StateIndex;
  const removed = (beforeIds ?? []).filter((id) => !(id in state.accounts)).map(accountStateKey);
  return { items, removed };
}

function sameIds(ids: string[], before: string[] | undefined): boolean {
  return before !== undefined && ids.length === before.length && ids.every((id, i) => id === before[i]);
}
