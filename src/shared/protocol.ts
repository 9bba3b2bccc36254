import * as z from 'zod/mini';
import { AccountId, FirstCheck, Hostname, Port, Security, ServerAddress, ServerSettings, Username } from './server';
import { CommandArgv, CommandPurpose } from './commands';
import { CertificateInfo, ErrorInfo } from './errors';
import { CheckResult, MAX_NEW_SUMMARIES, MAX_WATCHED_UIDS } from './mail';
import { OAuthProviderId, VERIFIER_PATTERN } from './oauth';
import { StatusSummary } from './status';

/**
 * The contract between the extension and the native host. PROTOCOL.md documents it; both ends
 * validate every message with these schemas. Bump PROTOCOL_VERSION on any incompatible change.
 */
export const PROTOCOL_VERSION = 1;

/** The name under which the host is registered with the browsers. */
export const HOST_NAME = 'org.popbiff.host';

/** Chromium kills the port on a host message above this many bytes of JSON. */
export const MAX_HOST_MESSAGE_BYTES = 1024 * 1024;

/** The host refuses larger requests; nothing legitimate comes near it. */
export const MAX_EXTENSION_MESSAGE_BYTES = 64 * 1024;

const requestId = z.string().check(z.minLength(1), z.maxLength(64));

/** `hello`'s `secretStore` on a first start while the host is still choosing (ask again later). */
export const SECRET_STORE_PENDING = 'pending';

const HelloResult = z.object({
  protocolVersion: z.number(),
  hostVersion: z.string(),
  platform: z.string(),
  /** Where the host keeps secrets: "keyring" (the OS keyring), "file" (its 0600 file), or SECRET_STORE_PENDING. */
  secretStore: z.string(),
  /** What the options page tells the user about the store (src/host/secrets/choose-store.ts). */
  secretStoreNote: z.optional(z.enum(['keyring-unanswered', 'moved-to-keyring'])),
  /** The host manifests (and Windows registry keys) `popbiff install` wrote for this host. */
  registrations: z.optional(z.array(z.string().check(z.maxLength(4096))).check(z.maxLength(64))),
});

const CheckPayload = z.object({
  accountId: AccountId,
  server: ServerSettings,
  /** The token from the previous check's result; absent on the first check. */
  stateToken: z.optional(z.string().check(z.maxLength(200))),
  /** UIDs the extension still remembers (shown as new, or announced); the reply says which are gone. */
  watch: z.array(z.string().check(z.maxLength(70))).check(z.maxLength(MAX_WATCHED_UIDS)),
  /** How many new-message summaries to return. */
  limit: z.number().check(z.int(), z.gte(0), z.lte(MAX_NEW_SUMMARIES)),
  /**
   * What the very first check of an account (no state yet) reports as new. `baseline`: nothing,
   * only record what is there (mail that stays on the server); `all-new`: every message on the
   * server (a client that takes mail off it); `auto` (absent): everything only when the maildrop
   * is small.
   */
  firstCheck: z.optional(FirstCheck),
});

const SetSecretPayload = z.object({
  accountId: AccountId,
  /** The server the password is for: the host never sends it to another host, port or user name. */
  server: ServerAddress,
  /** The password. Never logged, never echoed back, never written outside the host's store. */
  secret: z.string().check(z.minLength(1, 'Enter the password.'), z.maxLength(4096)),
});

const AccountPayload = z.object({ accountId: AccountId });

/** Every account the extension has; the host drops what it keeps for this extension's others. */
const RetainAccountsPayload = z.object({ accountIds: z.array(AccountId).check(z.maxLength(1000)) });
const RetainAccountsResult = z.object({ forgotten: z.number() });

const Done = z.object({ done: z.literal(true) });

/** The account's mail client as the host keeps it (set-command); none kept means the system's default. */
const OpenMailClientPayload = z.object({ accountId: AccountId });

/**
 * A program the host is to keep for an account, which the user confirmed on the options page;
 * `argv` absent removes it. The only request that carries an argv.
 */
const SetCommandPayload = z.object({
  accountId: AccountId,
  purpose: CommandPurpose,
  argv: z.optional(CommandArgv),
});

const uid = z.string().check(z.minLength(1), z.maxLength(70));

/** Longest preview text the host returns (characters). */
export const MAX_PREVIEW_CHARS = 16_000;
export const MAX_PREVIEW_LINES = 200;
export const MAX_DELETE_UIDS = 200;
export const MAX_TRANSCRIPT_LINES = 300;
export const MAX_TRANSCRIPT_LINE_CHARS = 300;

const PreviewPayload = z.object({
  accountId: AccountId,
  server: ServerSettings,
  uid,
  /** Body lines to fetch with TOP (RFC 1939 §7). */
  lines: z.number().check(z.int(), z.gte(0), z.lte(MAX_PREVIEW_LINES)),
});

const PreviewResult = z.object({
  uid: z.string(),
  /** False when no single message on the server has this uid any more. */
  found: z.boolean(),
  /** Plain text (HTML converted to text, no remote content). */
  text: z.string().check(z.maxLength(MAX_PREVIEW_CHARS)),
  /** True when the body went on beyond what was fetched or returned. */
  truncated: z.boolean(),
});

const DeletePayload = z.object({
  accountId: AccountId,
  server: ServerSettings,
  uids: z.array(uid).check(z.minLength(1), z.maxLength(MAX_DELETE_UIDS)),
});

const DeleteResult = z.object({
  /** Deleted on the server (the QUIT that commits them succeeded). */
  deleted: z.array(z.string()),
  /** Not on the server any more. */
  missing: z.array(z.string()),
  /** Shared by several messages: refused, nothing deleted for them. */
  ambiguous: z.array(z.string()),
  /**
   * Marked by DELE, but the QUIT that commits them was not answered +OK (its reply was lost, or
   * -ERR): they may or may not be gone; the next check tells. Absent when there are none.
   */
  unconfirmed: z.optional(z.array(z.string())),
});

const TestAccountPayload = z.object({
  accountId: AccountId,
  server: ServerSettings,
  /** The password typed in the form before saving; absent (or empty) means the stored secret / password command. */
  secret: z.optional(z.string().check(z.maxLength(4096))),
});

export const ConnectionReport = z.object({
  tls: z.optional(z.object({ protocol: z.string(), cipher: z.string(), certificate: z.optional(CertificateInfo) })),
  capabilities: z.array(z.string()),
  authMethod: z.optional(z.string()),
  uidl: z.optional(z.boolean()),
  top: z.optional(z.boolean()),
  pipelining: z.optional(z.boolean()),
  loginDelaySeconds: z.optional(z.number()),
  count: z.optional(z.number()),
  timings: z.array(z.object({ phase: z.string(), ms: z.number() })),
  roundTrips: z.number(),
});
export type ConnectionReport = z.infer<typeof ConnectionReport>;

const TestAccountResult = z.object({
  /** The test's outcome; the reply itself is a success even when the test failed. */
  ok: z.boolean(),
  error: z.optional(ErrorInfo),
  report: ConnectionReport,
  /** The session, masked: no password, SASL response or token ever appears. */
  transcript: z
    .array(z.string().check(z.maxLength(MAX_TRANSCRIPT_LINE_CHARS)))
    .check(z.maxLength(MAX_TRANSCRIPT_LINES)),
});

const AutoconfigPayload = z.object({
  address: z.string().check(z.minLength(3), z.maxLength(320), z.regex(/^[^\s@]+@[^\s@]+$/, 'Enter an e-mail address.')),
});

export const AutoconfigSource = z.enum(['autoconfig', 'well-known', 'ispdb', 'mx', 'srv', 'none']);
export type AutoconfigSource = z.infer<typeof AutoconfigSource>;

export const AutoconfigServer = z.object({
  host: z.string(),
  port: z.number(),
  security: Security,
  username: z.string(),
});
export type AutoconfigServer = z.infer<typeof AutoconfigServer>;

const AutoconfigResult = z.object({
  source: AutoconfigSource,
  /** The well-known provider (shared/providers.ts id) whose mail exchanger serves the domain. */
  provider: z.optional(z.string().check(z.maxLength(40))),
  /** POP3 servers only, best first. */
  servers: z.array(AutoconfigServer),
});

const OAuthExchangePayload = z.object({
  accountId: AccountId,
  provider: OAuthProviderId,
  /** The authorization code from the provider's redirect (RFC 6749 §4.1.2). Never logged. */
  code: z.string().check(z.minLength(1), z.maxLength(4096)),
  /** The PKCE code_verifier (RFC 7636 §4.1) whose challenge went into the authorization request. */
  verifier: z.string().check(z.regex(VERIFIER_PATTERN)),
  /** The redirect_uri of the authorization request; the token endpoint checks that they match. */
  redirectUri: z.string().check(z.maxLength(2048), z.regex(/^https:\/\/|^http:\/\/127\.0\.0\.1[:/]/)),
});

/** Signed in: the host keeps the refresh token; the extension never sees a token. */
const OAuthExchangeResult = z.object({ done: z.literal(true), email: z.optional(z.string().check(z.maxLength(320))) });

/** The mail programs whose settings `find-accounts` reads. */
export const MailProgram = z.enum(['thunderbird', 'evolution', 'kmail', 'claws-mail', 'outlook']);
export type MailProgram = z.infer<typeof MailProgram>;

/** Most accounts `find-accounts` returns; nobody has more POP3 accounts than this in their programs. */
export const MAX_FOUND_ACCOUNTS = 100;

/** One POP3 account configured in a mail program. Never a password: the user types it (or signs in). */
export const FoundAccount = z.object({
  program: MailProgram,
  /** The program's profile (Thunderbird, Outlook) or configuration file it came from. */
  profile: z.string().check(z.maxLength(200)),
  /** The account's name in that program, when it has one. */
  name: z.optional(z.string().check(z.maxLength(200))),
  /** The e-mail address of the account's identity, when the program keeps one. */
  address: z.optional(z.string().check(z.maxLength(320))),
  host: Hostname,
  port: Port,
  security: Security,
  username: Username,
});
export type FoundAccount = z.infer<typeof FoundAccount>;

const FindAccountsResult = z.object({
  /** POP3 accounts only (IMAP and others skipped), each server and user name once. */
  accounts: z.array(FoundAccount).check(z.maxLength(MAX_FOUND_ACCOUNTS)),
  /** The programs whose settings were found (with or without POP3 accounts). */
  programs: z.array(MailProgram),
  /** True when a cap (file size, number of profiles or files) left something unread. */
  capped: z.boolean(),
});

/** Every request type: what it carries and what a successful reply carries. */
export const REQUESTS = {
  hello: { payload: z.object({}), result: HelloResult },
  check: { payload: CheckPayload, result: CheckResult },
  'set-secret': { payload: SetSecretPayload, result: Done },
  'forget-account': { payload: AccountPayload, result: Done },
  'retain-accounts': { payload: RetainAccountsPayload, result: RetainAccountsResult },
  'open-mail-client': { payload: OpenMailClientPayload, result: Done },
  'set-command': { payload: SetCommandPayload, result: Done },
  preview: { payload: PreviewPayload, result: PreviewResult },
  'delete-messages': { payload: DeletePayload, result: DeleteResult },
  'test-account': { payload: TestAccountPayload, result: TestAccountResult },
  autoconfig: { payload: AutoconfigPayload, result: AutoconfigResult },
  'oauth-exchange': { payload: OAuthExchangePayload, result: OAuthExchangeResult },
  'find-accounts': { payload: z.object({}), result: FindAccountsResult },
  /** What the badge shows, kept by the host for `popbiff status` (see shared/status.ts). */
  'publish-status': { payload: StatusSummary, result: Done },
} as const;

export type RequestType = keyof typeof REQUESTS;
export const REQUEST_TYPES = Object.keys(REQUESTS) as [RequestType, ...RequestType[]];
export type PayloadOf<T extends RequestType> = z.infer<(typeof REQUESTS)[T]['payload']>;
export type ResultOf<T extends RequestType> = z.infer<(typeof REQUESTS)[T]['result']>;

/** The envelope of every request; the payload is validated against REQUESTS[type] separately. */
export const RequestEnvelope = z.object({
  v: z.number(),
  id: requestId,
  type: z.string(),
  payload: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export interface Request<T extends RequestType = RequestType> {
  v: typeof PROTOCOL_VERSION;
  id: string;
  type: T;
  payload: PayloadOf<T>;
}

const replyBase = {
  v: z.number(),
  /** Empty only when the request was too broken to have a readable id. */
  id: z.string().check(z.maxLength(64)),
  hostVersion: z.string(),
};

export const ReplyEnvelope = z.union([
  z.object({ ...replyBase, ok: z.literal(true), result: z.unknown() }),
  z.object({ ...replyBase, ok: z.literal(false), error: ErrorInfo }),
  /** One piece of a reply too large for one native message (see MAX_HOST_MESSAGE_BYTES). */
  z.object({
    ...replyBase,
    chunk: z.object({
      index: z.number().check(z.int(), z.gte(0)),
      count: z.number().check(z.int(), z.gte(2), z.lte(64)),
      data: z.string(),
    }),
  }),
]);
export type ReplyEnvelope = z.infer<typeof ReplyEnvelope>;
