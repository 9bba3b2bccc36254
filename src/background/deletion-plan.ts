import { UNDO_WINDOW_MS, type AccountState, type DeletionOutcome } from '../storage/account-state';
import type { ErrorInfo } from '../shared/errors';
import type { MessageSummary } from '../shared/mail';

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

/** What the host reported; `unconfirmed` only when its QUIT reply was lost. */
export interface HostDeletion {
  deleted: string[];
  missing: string[];
  ambiguous: string[];
  unconfirmed?: string[] | undefined;
  at: number;
}

/**
 * What the host deleted (or found gone) leaves the unseen list and the count. What it could not
 * confirm leaves the list too, its rows kept for the next check to show again if still there.
 */
export function applyDeletion(state: AccountState, outcome: HostDeletion): AccountState {
  const unconfirmed = new Set(outcome.unconfirmed ?? []);
  const gone = new Set([...outcome.deleted, ...outcome.missing, ...unconfirmed]);
  const unseen = state.unseen.filter((message) => !gone.has(message.uid));
  const removed = state.unseen.length - unseen.length;
  const rows = state.unseen.filter((message) => unconfirmed.has(message.uid));
  const { deleted, missing, ambiguous, at } = outcome;
  return {
    ...state,
    unseen,
    unseenCount: Math.max(unseen.length, state.unseenCount - removed),
    // The server has fewer messages now; the next check confirms the exact number.
    count: Math.max(0, state.count - outcome.deleted.length),
    lastDeletion: withOpen({ deleted, missing, ambiguous, at }, state.lastDeletion, [...unconfirmed], rows),
  };
}

/** The host could not delete (nothing was: a dropped session never deletes, RFC 1939 §6). */
export function deletionFailed(state: AccountState, error: ErrorInfo, at: number): AccountState {
  const { code, message } = error;
  const failed = { deleted: [], missing: [], ambiguous: [], at, error: { code, message } };
  return { ...state, lastDeletion: withOpen(failed, state.lastDeletion, [], []) };
}

/** A new outcome keeps the deletions still waiting for confirmation, so their rows are not lost. */
function withOpen(
  outcome: DeletionOutcome,
  previous: DeletionOutcome | undefined,
  uids: readonly string[],
  rows: readonly MessageSummary[],
): DeletionOutcome {
  const unconfirmed = [...(previous?.unconfirmed ?? []), ...uids];
  if (unconfirmed.length === 0) return outcome;
  return { ...outcome, unconfirmed, unconfirmedRows: [...(previous?.unconfirmedRows ?? []), ...rows] };
}

/**
 * A successful check settles unconfirmed deletions (it watched their UIDs): gone ones were
 * deleted after all; the others are still on the server and their rows come back to the list.
 */
export function settleDeletion(state: AccountState, gone: readonly string[], now: number): AccountState {
  const outcome = state.lastDeletion;
  if (outcome?.unconfirmed === undefined) return state;
  const goneSet = new Set(gone);
  const confirmed = outcome.unconfirmed.filter((uid) => goneSet.has(uid));
  const still = new Set(outcome.unconfirmed.filter((uid) => !goneSet.has(uid)));
  const back = (outcome.unconfirmedRows ?? []).filter((row) => still.has(row.uid));
  const { unconfirmed: _open, unconfirmedRows: _rows, notDeleted: _old, ...settled } = outcome;
  return {
    ...state,
    unseen: [...back, ...state.unseen],
    unseenCount: state.unseenCount + back.length,
    lastDeletion: {
      ...settled,
      deleted: [...settled.deleted, ...confirmed],
      ...(still.size > 0 ? { notDeleted: [...still] } : {}),
      at: now,
    },
  };
}
