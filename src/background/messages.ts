import * as z from 'zod/mini';
import { Account, AccountId } from '../shared/account';
import { ErrorInfoSchema } from '../shared/protocol';
import type { ExtensionState } from '../account-state';

/**
 * Messages from the popup and options page to the background (runtime.sendMessage). The
 * background validates each one and answers with a `UiReply`.
 */
export const PauseDuration = z.enum(['hour', 'tomorrow', 'resume']);
export type PauseDuration = z.infer<typeof PauseDuration>;

export const UiMessage = z.discriminatedUnion('type', [
  /** Check one account now, or all when `accountId` is absent; clears a "stopped" state. */
  z.object({ type: z.literal('check-now'), accountId: z.optional(AccountId) }),
  /** The user has looked: unseen mail of one or all accounts becomes seen. */
  z.object({ type: z.literal('dismiss'), accountId: z.optional(AccountId) }),
  /** Add or replace an account; a password, when given (not empty), goes to the host (never to storage). */
  z.object({ type: z.literal('save-account'), account: Account, password: z.optional(z.string().check(z.maxLength(4096))) }),
  z.object({ type: z.literal('delete-account'), accountId: AccountId }),
  /** Is the host installed and compatible? */
  z.object({ type: z.literal('host-status') }),
  /** Open the account's mail client: its desktop program, or its webmail (reusing an open tab when allowed). */
  z.object({ type: z.literal('open-client'), accountId: AccountId }),
  /** Open one message (Gmail: a search by its Message-ID); else as open-client. */
  z.object({ type: z.literal('open-message'), accountId: AccountId, uid: z.string().check(z.minLength(1), z.maxLength(70)) }),
  /** Pause notifications for an hour or until tomorrow morning, or resume them. */
  z.object({ type: z.literal('pause-notifications'), duration: PauseDuration }),
]);
export type UiMessage = z.infer<typeof UiMessage>;

export const HostStatus = z.object({
  installed: z.boolean(),
  hostVersion: z.optional(z.string()),
  protocolVersion: z.optional(z.number()),
  secretStore: z.optional(z.string()),
  error: z.optional(ErrorInfoSchema),
});
export type HostStatus = z.infer<typeof HostStatus>;

export type UiReply<T = unknown> = { ok: true; result: T } | { ok: false; error: z.infer<typeof ErrorInfoSchema> };

/** What a successful reply carries, per message type. */
export interface UiResults {
  /** The state after the checks finished. */
  'check-now': ExtensionState;
  /** The state after the dismissal. */
  dismiss: ExtensionState;
  /** Saved; the first check of the account runs afterwards and lands in storage. */
  'save-account': { accountId: AccountId };
  /** Removed; `secretForgotten` is false when the host could not be reached to drop the password. */
  'delete-account': { secretForgotten: boolean };
  /** Always a status (never an error reply): `error` says what is wrong with the host. */
  'host-status': HostStatus;
  'open-client': { opened: true };
  'open-message': { opened: true };
  /** Absent `pausedUntil`: notifications are on again. */
  'pause-notifications': { pausedUntil?: number };
}
