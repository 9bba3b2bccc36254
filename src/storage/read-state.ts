import { AccountState, type ExtensionState } from './account-state';
import { EMPTY_STATE } from './empty-state';
import { assembleState } from './state-layout';

/**
 * The state that stored items hold, checked account by account. State is a cache of the server:
 * an unreadable account starts afresh (nothing of the user's is lost), and the others keep theirs.
 */
export function readState(items: Record<string, unknown>): ExtensionState {
  const stored = assembleState(items);
  if (!stored) return EMPTY_STATE;
  const accounts: Record<string, AccountState> = {};
  for (const [id, account] of Object.entries(stored.accounts)) {
    const parsed = AccountState.safeParse(account);
    if (parsed.success) accounts[id] = parsed.data;
  }
  return { version: EMPTY_STATE.version, accounts };
}
