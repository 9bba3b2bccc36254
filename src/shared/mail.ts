import * as z from 'zod/mini';

/** Caps that keep every header summary small, so a page of them always fits one native message. */
export const HEADER_LIMITS = {
  address: 320,
  name: 200,
  subject: 1000,
  messageId: 1000,
  headerValue: 1000,
} as const;

/** Caps for the optional rule inputs, so they cannot blow up a summary either. */
export const MAX_RECIPIENTS = 20;
export const MAX_EXTRA_HEADERS = 20;

const capped = (max: number) => z.string().check(z.maxLength(max));

export const Mailbox = z.object({
  name: capped(HEADER_LIMITS.name),
  address: capped(HEADER_LIMITS.address),
});
export type Mailbox = z.infer<typeof Mailbox>;

/** The headers of one message, decoded to Unicode, as the popup shows them. */
export const MessageSummary = z.object({
  /** The server's unique id (UIDL, RFC 1939 §7); stable across sessions, unlike `number`. */
  uid: z.string().check(z.minLength(1), z.maxLength(70)),
  /** Message number in the session that produced this summary; only meaningful there. */
  number: z.number().check(z.int(), z.gte(1)),
  size: z.number().check(z.int(), z.gte(0)),
  from: Mailbox,
  subject: capped(HEADER_LIMITS.subject),
  /** ISO 8601, or empty when the Date header is missing or unreadable. */
  date: z.string().check(z.maxLength(40)),
  messageId: capped(HEADER_LIMITS.messageId),
  /** Recipients, when the host reports them (rules read them; absent means unknown). */
  to: z.optional(z.array(Mailbox).check(z.maxLength(MAX_RECIPIENTS))),
  cc: z.optional(z.array(Mailbox).check(z.maxLength(MAX_RECIPIENTS))),
  /** Other headers for rules: lowercased name → decoded value. A header not here is absent. */
  headers: z.optional(
    z
      .record(z.string().check(z.maxLength(100)), capped(HEADER_LIMITS.headerValue))
      .check(z.refine((headers) => Object.keys(headers).length <= MAX_EXTRA_HEADERS, 'Too many headers.')),
  ),
});
export type MessageSummary = z.infer<typeof MessageSummary>;

/** The most new-message summaries one check reply carries (the request's limit, the host's cap). */
export const MAX_NEW_SUMMARIES = 200;

/**
 * The most UIDs one check asks about (`watch`): everything the extension remembers of an account
 * (shown as new, or already announced), so the reply can say which of them the server no longer
 * has. 600 UIDs of at most 70 characters stay well inside MAX_EXTENSION_MESSAGE_BYTES.
 */
export const MAX_WATCHED_UIDS = 600;

/** What one check of one mailbox found. */
export const CheckResult = z.object({
  /** Messages in the maildrop (STAT). */
  count: z.number().check(z.int(), z.gte(0)),
  /** Octets in the maildrop (STAT). */
  size: z.number().check(z.int(), z.gte(0)),
  /** How many messages arrived since the previous check (exact, even when summaries are capped). */
  newCount: z.number().check(z.int(), z.gte(0)),
  /** Summaries of the new messages, newest first, at most the requested limit. */
  newMessages: z.array(MessageSummary),
  /** Of the UIDs the extension asked about (`watch`), those no longer on the server. */
  gone: z.array(z.string()),
  /** True when this check started a fresh baseline (first check, or the host's state was lost). */
  baseline: z.boolean(),
  /** Opaque token naming the host's state after this check; send it with the next check. */
  stateToken: z.string().check(z.maxLength(200)),
  capabilities: z.array(z.string().check(z.maxLength(200))),
  /** Minimum seconds between sign-ins, from CAPA LOGIN-DELAY (RFC 2449 §6.5), if announced. */
  loginDelaySeconds: z.optional(z.number().check(z.int(), z.gte(0))),
  checkedAt: z.number(),
});
export type CheckResult = z.infer<typeof CheckResult>;
