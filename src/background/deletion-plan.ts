import { UNDO_WINDOW_MS, type AccountState, type DeletionOutcome } from '../storage/account-state';
import type { ErrorInfo } from '../shared/errors';

/**
 * Pure steps of "Delete on server" with an undo window: the user's choice waits in the account's
 * state (so it survives the popup closing and the worker stopping), is taken exactly once when
 * due, and its outcome lands back in the state. Nothing here talks to the host.
 */

/** Adds `uids` to what waits for deletion; the window starts again, so a later choice gets its full 10 s. */
export function scheduleDeletion(state: AccountState, uids: readonly string[], now: number): AccountState {
  const waiting = new Set([...(state.pendingDeletion?.uids ?? []), ...uids]);
  return { ...state, pendingDeletion: { uids: [...waiting], dueAt: now + UNDO_WINDOW_MS } };
}

/** "Undo": nothing waits any more. */
export function undoDeletion(state: AccountState): AccountState {
  const { pendingDeletion: _undone, ...rest } = state;
  return rest;
}

export interface Taken {
  state: AccountState;
  /** The UIDs to delete now; empty when nothing is due (undone, or not yet time). */
  uids: string[];
}

/** Takes the waiting UIDs once the window is over; taking them is what makes "Undo" too late. */
export function takeDue(state: AccountState, now: number): Taken {
  const pending = state.pendingDeletion;
  if (pending === undefined || pending.dueAt > now) return { state, uids: [] };
  return { state: undoDeletion(state), uids: pending.uids };
}

/** What the host deleted (or found gone) leaves the unseen list and the count. */
export function applyDeletion(state: AccountState, outcome: Omit<DeletionOutcome, 'error'>): AccountState {
  const gone = new Set([...outcome.deleted, ...outcome.missing]);
  const unseen = state.unseen.filter((message) => !gone.has(message.uid));
  const removed = state.unseen.length - unseen.length;
  return {
    ...state,
    unseen,
    unseenCount: Math.max(unseen.length, state.unseenCount - removed),
    // The server has fewer messages now; the next check confirms the exact number.
    count: Math.max(0, state.count - outcome.deleted.length),
    lastDeletion: { deleted: outcome.deleted, missing: outcome.missing, ambiguous: outcome.ambiguous, at: outcome.at },
  };
}

/** The host could not delete (nothing was: a dropped session never deletes, RFC 1939 §6). */
export function deletionFailed(state: AccountState, error: ErrorInfo, at: number): AccountState {
  const { code, message } = error;
  return { ...state, lastDeletion: { deleted: [], missing: [], ambiguous: [], at, error: { code, message } } };
}
