import * as z from 'zod/mini';
import { Account } from './shared/account';
import { AccountId } from './shared/server';
import { CommandArgv, CommandPurpose } from './shared/commands';
import { ErrorInfo } from './shared/errors';
import { OAuthProviderId } from './shared/oauth';
import type { ResultOf } from './shared/protocol';
import { RuleList } from './shared/rules';
import { BadgeColors } from './storage/settings';
import type { ExtensionState } from './storage/account-state';

/**
 * Messages from the popup and options page to the background (runtime.sendMessage). The
 * background validates each one and answers with a `UiReply`.
 */
export const PauseDuration = z.enum(['hour', 'tomorrow', 'resume']);
export type PauseDuration = z.infer<typeof PauseDuration>;

const Uid = z.string().check(z.minLength(1), z.maxLength(70));

/** The settings that belong to no account; each is optional, only what is given changes. */
export const GlobalSettingsChange = z.object({
  notifications: z.optional(z.boolean()),
  muteWhenIdle: z.optional(z.boolean()),
  rules: z.optional(RuleList),
  badgeColors: z.optional(BadgeColors),
});
export type GlobalSettingsChange = z.infer<typeof GlobalSettingsChange>;

export const UiMessage = z.discriminatedUnion('type', [
  /** Check one account now, or all when `accountId` is absent; clears a "stopped" state. */
  z.object({ type: z.literal('check-now'), accountId: z.optional(AccountId) }),
  /** The user has looked: unseen mail of one or all accounts becomes seen. */
  z.object({ type: z.literal('dismiss'), accountId: z.optional(AccountId) }),
  /** Add or replace an account; a password, when given (not empty), goes to the host (never to storage). */
  z.object({
    type: z.literal('save-account'),
    account: Account,
    password: z.optional(z.string().check(z.maxLength(4096))),
  }),
  z.object({ type: z.literal('delete-account'), accountId: AccountId }),
  /** Is the host installed and compatible? */
  z.object({ type: z.literal('host-status') }),
  /** Open the account's mail client: its desktop program, or its webmail (reusing an open tab when allowed). */
  z.object({ type: z.literal('open-client'), accountId: AccountId }),
  /** Open one message (Gmail: a search by its Message-ID); else as open-client. */
  z.object({
    type: z.literal('open-message'),
    accountId: AccountId,
    uid: z.string().check(z.minLength(1), z.maxLength(70)),
  }),
  /** Pause notifications for an hour or until tomorrow morning, or resume them. */
  z.object({ type: z.literal('pause-notifications'), duration: PauseDuration }),
  /** The first lines of one message, as plain text, fetched from the server (TOP, never RETR). */
  z.object({ type: z.literal('preview'), accountId: AccountId, uid: Uid }),
  /** Delete on the server after the 10-second undo window; the background owns the timer. */
  z.object({
    type: z.literal('schedule-delete'),
    accountId: AccountId,
    uids: z.array(Uid).check(z.minLength(1), z.maxLength(200)),
  }),
  /** Takes back the account's waiting deletion, if the window is still open. */
  z.object({ type: z.literal('undo-delete'), accountId: AccountId }),
  /** Sign in once with these settings (not yet saved) and report what the server offers. */
  z.object({
    type: z.literal('test-account'),
    account: Account,
    password: z.optional(z.string().check(z.maxLength(4096))),
  }),
  /** Server settings for an address at a domain the provider table does not know. */
  z.object({ type: z.literal('autoconfig'), address: z.string().check(z.minLength(3), z.maxLength(320)) }),
  /** The POP3 accounts configured in the user's mail programs (read by the host; never a password). */
  z.object({ type: z.literal('find-accounts') }),
  /** Changes the global settings (notifications, idle muting, global rules, badge colours). */
  z.object({ type: z.literal('save-settings'), settings: GlobalSettingsChange }),
  /** One message is seen: it leaves the list and the count. */
  z.object({ type: z.literal('dismiss-message'), accountId: AccountId, uid: Uid }),
  /**
   * The options page only, after the user confirmed this exact argv: the program the host runs
   * for the account (its password command or mail client); `argv` absent removes it.
   */
  z.object({
    type: z.literal('set-command'),
    accountId: AccountId,
    purpose: CommandPurpose,
    argv: z.optional(CommandArgv),
  }),
  /** Sign in with Google or Microsoft (OAuth); the host keeps the tokens, the extension never sees one. */
  z.object({
    type: z.literal('oauth-sign-in'),
    accountId: AccountId,
    provider: OAuthProviderId,
    loginHint: z.optional(z.string().check(z.maxLength(320))),
  }),
  /** The user confirmed, from the preview, that this authserv-id is their own mail server's. */
  z.object({
    type: z.literal('trust-authserv-id'),
    accountId: AccountId,
    authservId: z.string().check(z.minLength(1), z.maxLength(255)),
  }),
]);
export type UiMessage = z.infer<typeof UiMessage>;

export const HostStatus = z.object({
  installed: z.boolean(),
  hostVersion: z.optional(z.string()),
  protocolVersion: z.optional(z.number()),
  secretStore: z.optional(z.string()),
  secretStoreNote: z.optional(z.enum(['keyring-unanswered', 'moved-to-keyring'])),
  /** Host manifests (or registry keys) `popbiff install` wrote. */
  registrations: z.optional(z.array(z.string())),
  error: z.optional(ErrorInfo),
});
export type HostStatus = z.infer<typeof HostStatus>;

/** A "Check now" not sent: the server allows no sign-in before `until` (epoch ms), for this reason. */
export const CheckHold = z.object({
  accountId: AccountId,
  until: z.number(),
  minutes: z.number(),
  reason: z.enum(['login-delay', 'provider']),
  /** The provider's name when `reason` is `provider`. */
  providerName: z.optional(z.string()),
});
export type CheckHold = z.infer<typeof CheckHold>;

export type UiReply<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorInfo };

/** What a successful reply carries, per message type. */
export interface UiResults {
  /** The state after the checks finished, and the accounts not checked because their server would refuse. */
  'check-now': { state: ExtensionState; held: CheckHold[] };
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
  preview: ResultOf<'preview'>;
  /** When the host will be asked to delete (epoch ms). */
  'schedule-delete': { dueAt: number };
  /** False: too late, the deletion has already started (or nothing was waiting). */
  'undo-delete': { undone: boolean };
  'test-account': ResultOf<'test-account'>;
  autoconfig: ResultOf<'autoconfig'>;
  'find-accounts': ResultOf<'find-accounts'>;
  'save-settings': { saved: true };
  'dismiss-message': ExtensionState;
  /** The host keeps the command (or has dropped it); the account's display copy matches. */
  'set-command': { saved: true };
  /** Signed in; the account signs in with XOAUTH2 from now on. */
  'oauth-sign-in': { email?: string | undefined };
  'trust-authserv-id': { saved: true };
}
