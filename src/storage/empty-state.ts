import type { AccountState, ExtensionState } from './account-state';
import { STATE_VERSION } from './keys';

/**
 * The state before any check: the one definition the background and the popup share. Zod-free
 * (types only from account-state.ts), so the popup can use it within its 12 KB budget.
 */
export const EMPTY_ACCOUNT_STATE: AccountState = { count: 0, unseenCount: 0, unseen: [], failures: 0 };
export const EMPTY_STATE: ExtensionState = { version: STATE_VERSION, accounts: {} };
