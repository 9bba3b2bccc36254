import { MAX_UNSEEN_KEPT, type AccountState, type ExtensionState } from '../storage/account-state';
import { EMPTY_ACCOUNT_STATE } from '../storage/empty-state';
import type { ErrorInfo } from '../shared/errors';
import type { CheckResult, MessageSummary } from '../shared/mail';

/**
 * Pure reducers from check outcomes to the per-account state the popup and badge show. Each
 * returns a new object; none reads the clock (the caller passes `now`).
 */

/** A successful check: new mail joins the unseen list (once per UID), vanished mail leaves it. */
export function applyResult(state: AccountState, result: CheckResult, now: number): AccountState {
  const gone = new Set(result.gone);
  const kept = state.unseen.filter((message) => !gone.has(message.uid));
  const removed = state.unseen.length - kept.length;
  const fresh = unseenOnly(result.newMessages, kept);
  // Summaries we already had are the same mail seen again, not more mail.
  const repeated = result.newMessages.length - fresh.length;
  const added = Math.max(0, result.newCount - repeated);
  const unseen = [...fresh, ...kept].slice(0, MAX_UNSEEN_KEPT);
  const { error: _cleared, loginDelaySeconds: _old, ...rest } = state;
  const next: AccountState = {
    ...rest,
    count: result.count,
    unseenCount: Math.max(unseen.length, state.unseenCount - removed + added),
    unseen,
    lastCheckAt: now,
    lastSuccessAt: now,
    failures: 0,
    stateToken: result.stateToken,
  };
  return result.loginDelaySeconds === undefined ? next : { ...next, loginDelaySeconds: result.loginDelaySeconds };
}

/** The messages of `incoming` whose UID is neither in `known` nor earlier in `incoming`. */
function unseenOnly(incoming: readonly MessageSummary[], known: readonly MessageSummary[]): MessageSummary[] {
  const seen = new Set(known.map((message) => message.uid));
  const fresh: MessageSummary[] = [];
  for (const message of incoming) {
    if (seen.has(message.uid)) continue;
    seen.add(message.uid);
    fresh.push(message);
  }
  return fresh;
}

/** A failed check: remembered for the popup and counted for backoff; the mail shown stays. */
export function applyError(state: AccountState, error: ErrorInfo, now: number): AccountState {
  return { ...state, error: errorForStorage(error), failures: state.failures + 1, lastCheckAt: now };
}

/**
 * Keeps absent fields out of storage (storage drops `undefined` anyway). The certificate stays:
 * the popup and options page show it for "Trust this certificate".
 */
function errorForStorage(error: ErrorInfo): ErrorInfo {
  const { code, message, retryAfter, certificate } = error;
  return {
    code,
    message,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(certificate === undefined ? {} : { certificate }),
  };
}

/** The user has looked: nothing is new any more. */
export function dismiss(state: AccountState): AccountState {
  return { ...state, unseenCount: 0, unseen: [] };
}

/** Forgets a stopped state so the next check is allowed (after "Check now" or a settings change). */
export function clearError(state: AccountState): AccountState {
  const { error: _cleared, ...rest } = state;
  return { ...rest, failures: 0 };
}

export function accountState(state: ExtensionState, accountId: string): AccountState {
  return state.accounts[accountId] ?? EMPTY_ACCOUNT_STATE;
}

export function updateAccount(
  state: ExtensionState,
  accountId: string,
  update: (account: AccountState) => AccountState,
): ExtensionState {
  return { ...state, accounts: { ...state.accounts, [accountId]: update(accountState(state, accountId)) } };
}

/** Drops the state of accounts no longer in the settings. */
export function retainAccounts(state: ExtensionState, accountIds: readonly string[]): ExtensionState {
  const keep = new Set(accountIds);
  const accounts = Object.fromEntries(Object.entries(state.accounts).filter(([id]) => keep.has(id)));
  return { ...state, accounts };
}
