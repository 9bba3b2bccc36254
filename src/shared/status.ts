import * as z from 'zod/mini';
import { AccountId } from './server';
import { ERROR_CODES } from './errors';

/**
 * What the toolbar badge shows, as the background hands it to the host after each batch of
 * checks and after each dismissal; the host keeps it in a file that `popbiff status` prints for
 * status bars without a password or a server. Only names, counts and error codes: nothing taken
 * from mail.
 */
export const MAX_STATUS_ACCOUNTS = 100;

export const StatusAccount = z.object({
  accountId: AccountId,
  /** The account's name as the user gave it in the options. */
  name: z.string().check(z.maxLength(200)),
  /** Messages the badge counts as new for this account. */
  unseen: z.number().check(z.int(), z.gte(0)),
  /** The last check's failure, if it failed; the CLI words it from the error table. */
  error: z.optional(z.enum(ERROR_CODES)),
  /** Epoch ms of the last check, successful or not. */
  lastCheckAt: z.optional(z.number()),
});
export type StatusAccount = z.infer<typeof StatusAccount>;

export const StatusSummary = z.object({
  accounts: z.array(StatusAccount).check(z.maxLength(MAX_STATUS_ACCOUNTS)),
});
export type StatusSummary = z.infer<typeof StatusSummary>;
