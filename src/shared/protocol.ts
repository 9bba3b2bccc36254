import * as z from 'zod/mini';
import { AccountId, ClientCommand, ServerSettings } from './account';
import { ERROR_CODES } from './errors';
import { CheckResult, MAX_NEW_SUMMARIES } from './mail';

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

export const ErrorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string().check(z.maxLength(1000)),
  retryAfter: z.optional(z.number()),
  certificate: z.optional(
    z.object({
      sha256: z.string().check(z.maxLength(200)),
      subject: z.string().check(z.maxLength(500)),
      issuer: z.string().check(z.maxLength(500)),
      validFrom: z.string().check(z.maxLength(100)),
      validTo: z.string().check(z.maxLength(100)),
    }),
  ),
});

const HelloResult = z.object({
  protocolVersion: z.number(),
  hostVersion: z.string(),
  platform: z.string(),
  /** Where the host keeps secrets: "keyring" (the OS keyring) or "file" (its 0600 file). */
  secretStore: z.string(),
});

const CheckPayload = z.object({
  accountId: AccountId,
  server: ServerSettings,
  /** The token from the previous check's result; absent on the first check. */
  stateToken: z.optional(z.string().check(z.maxLength(200))),
  /** UIDs the extension still shows as new; the reply says which of them are gone. */
  watch: z.array(z.string().check(z.maxLength(70))).check(z.maxLength(MAX_NEW_SUMMARIES)),
  /** How many new-message summaries to return. */
  limit: z.number().check(z.int(), z.gte(0), z.lte(MAX_NEW_SUMMARIES)),
});

const SetSecretPayload = z.object({
  accountId: AccountId,
  /** The password. Never logged, never echoed back, never written outside the host's store. */
  secret: z.string().check(z.minLength(1, 'Enter the password.'), z.maxLength(4096)),
});

const AccountPayload = z.object({ accountId: AccountId });

const Done = z.object({ done: z.literal(true) });

/** The account's own program (argv, run without a shell); absent means the system's default client. */
const OpenMailClientPayload = z.object({ command: z.optional(ClientCommand) });

/** Every request type: what it carries and what a successful reply carries. */
export const REQUESTS = {
  hello: { payload: z.object({}), result: HelloResult },
  check: { payload: CheckPayload, result: CheckResult },
  'set-secret': { payload: SetSecretPayload, result: Done },
  'forget-account': { payload: AccountPayload, result: Done },
  'open-mail-client': { payload: OpenMailClientPayload, result: Done },
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
  z.object({ ...replyBase, ok: z.literal(false), error: ErrorInfoSchema }),
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
