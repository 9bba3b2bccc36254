import * as z from 'zod/mini';
import { STATE_KEY, STATE_VERSION } from './keys';
import { ErrorInfo } from '../shared/errors';
import { MessageSummary } from '../shared/mail';

/**
 * What the background knows of each account between checks, in `storage.local` under STATE_KEY.
 * The background writes it; the popup only reads it (and re-renders on `storage.onChanged`).
 */
export { STATE_KEY, STATE_VERSION };

/** How many unseen summaries are kept per account; the count stays exact beyond it. */
export const MAX_UNSEEN_KEPT = 100;

/**
 * A backstop only: announced UIDs are pruned to what the server still has (each check watches
 * them and drops the gone ones). Enough to cover every UID a check can report as new
 * (MAX_NEW_SUMMARIES) a few times over; with MAX_UNSEEN_KEPT it fits one check's MAX_WATCHED_UIDS.
 */
export const MAX_NOTIFIED_KEPT = 500;

/** Deleting on the server waits this long, so "Undo" can still take it back. */
export const UNDO_WINDOW_MS = 10_000;

/** Messages the user chose to delete on the server, waiting out the undo window. */
export const PendingDeletion = z.object({
  uids: z.array(z.string()),
  /** Epoch ms at which the host is asked to delete them. */
  dueAt: z.number(),
});
export type PendingDeletion = z.infer<typeof PendingDeletion>;

/** What the last deletion on the server did, for the popup to say so. */
export const DeletionOutcome = z.object({
  deleted: z.array(z.string()),
  missing: z.array(z.string()),
  ambiguous: z.array(z.string()),
  at: z.number(),
  /** Set when the host could not delete at all (nothing was deleted then). */
  error: z.optional(ErrorInfo),
  /**
   * Marked for deletion, but the server never confirmed it (its QUIT reply was lost): off the
   * list until the next check says whether they are gone. Absent when there are none.
   */
  unconfirmed: z.optional(z.array(z.string())),
  /** The rows of `unconfirmed` messages, to show again if the next check still finds them. */
  unconfirmedRows: z.optional(z.array(MessageSummary)),
  /** Unconfirmed deletions the next check found still on the server: shown again. */
  notDeleted: z.optional(z.array(z.string())),
});
export type DeletionOutcome = z.infer<typeof DeletionOutcome>;

export const AccountState = z.object({
  /** Messages on the server at the last successful check. */
  count: z.number(),
  /** New mail since the user last looked (opened the popup or pressed Dismiss). */
  unseenCount: z.number(),
  /** Summaries of that mail, newest first, at most MAX_UNSEEN_KEPT. */
  unseen: z.array(MessageSummary),
  lastCheckAt: z.optional(z.number()),
  lastSuccessAt: z.optional(z.number()),
  /** The last check's failure, cleared by the next success. */
  error: z.optional(ErrorInfo),
  /** Failures in a row, for backoff. */
  failures: z.number(),
  /** The host's token for its per-account state (known UIDs). */
  stateToken: z.optional(z.string()),
  loginDelaySeconds: z.optional(z.number()),
  /**
   * UIDs already announced in a notification, newest first, at most MAX_NOTIFIED_KEPT: what makes
   * "never notified twice" hold across worker and browser restarts. Only UIDs the server still
   * had at the last check (a UID it reuses after that is a new message). Absent in older state.
   */
  notified: z.optional(z.array(z.string())),
  /** Waiting out the undo window; absent when nothing is. */
  pendingDeletion: z.optional(PendingDeletion),
  lastDeletion: z.optional(DeletionOutcome),
});
export type AccountState = z.infer<typeof AccountState>;

export const ExtensionState = z.object({
  version: z.literal(STATE_VERSION),
  accounts: z.record(z.string(), AccountState),
});
export type ExtensionState = z.infer<typeof ExtensionState>;
