import * as z from 'zod/mini';
import { MAX_COMMAND_ARGS, argvSchema } from './commands';
import { RuleList } from './rules';
import { AccountId, FirstCheck, ServerSettings } from './server';

const webmailUrl = z.string().check(
  z.maxLength(2048),
  z.refine((s) => {
    if (s === '') return true;
    try {
      const url = new URL(s);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'The webmail address must start with https:// or http://.'),
);

const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM, e.g. 22:00.'));

/** A daily span of local time, e.g. 22:00 to 07:00; `from` equal to `to` means never. */
export const QuietHours = z.object({ from: clockTime, to: clockTime });
export type QuietHours = z.infer<typeof QuietHours>;

/** Arguments of a user-chosen program; the host runs it without a shell (argv, never a string). */
export const MAX_CLIENT_ARGS = MAX_COMMAND_ARGS;
export const ClientCommand = argvSchema('mail client command');
export type ClientCommand = z.infer<typeof ClientCommand>;

/**
 * Present: "open the client" starts a desktop mail program through the host instead of the
 * webmail. `command` absent means the system's default mail client. `command` is the
 * extension's copy, for display; the host runs the argv it keeps (src/shared/commands.ts).
 */
export const DesktopClient = z.object({ command: z.optional(ClientCommand) });
export type DesktopClient = z.infer<typeof DesktopClient>;

/**
 * The colour of an account's dot in the popup and options: a name from a small palette whose
 * shades read on the light and the dark theme alike (the shades live with the UI).
 */
export const AccountColor = z.enum(['blue', 'green', 'orange', 'red', 'purple', 'teal', 'pink', 'grey']);
export type AccountColor = z.infer<typeof AccountColor>;

/** One account as the extension keeps it in storage (never with a secret). */
export const Account = z.object({
  id: AccountId,
  name: z.string().check(z.trim(), z.minLength(1, 'Enter a name for the account.'), z.maxLength(100)),
  server: ServerSettings,
  webmailUrl,
  intervalMinutes: z
    .number()
    .check(
      z.int('The interval must be whole minutes.'),
      z.gte(1, 'Check at most once a minute.'),
      z.lte(1440, 'Check at least once a day.'),
    ),
  enabled: z.boolean(),
  /** Notifications for this account; absent means on. */
  notify: z.optional(z.boolean()),
  /** Check but don't notify between these local times (may span midnight). */
  quietHours: z.optional(QuietHours),
  /** Applied before the global rules; absent means none. */
  rules: z.optional(RuleList),
  /** Open a desktop mail client instead of the webmail; absent means the webmail. */
  desktopClient: z.optional(DesktopClient),
  /**
   * The on-new-mail command, absent means none. The extension's copy, for display; the host runs
   * the argv it keeps (purpose `onNewMail`, src/shared/commands.ts).
   */
  onNewMail: z.optional(argvSchema('on-new-mail command')),
  /** What the first check counts as new; absent means `auto`. */
  firstCheck: z.optional(FirstCheck),
  /** The dot's colour; absent means one derived from the id. */
  color: z.optional(AccountColor),
  /**
   * Authentication-Results authserv-ids (RFC 8601 §2.5) the user confirmed as their own mail
   * server's, beyond those known for the provider (src/shared/trust.ts).
   */
  trustedAuthservIds: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(255))).check(z.maxLength(10))),
});
export type Account = z.infer<typeof Account>;

export const DEFAULT_INTERVAL_MINUTES = 5;
