import * as z from 'zod/mini';
import { PopbiffError } from '../../shared/errors';

/**
 * One POST to an OAuth token endpoint (RFC 6749 §3.2) and its JSON answer (§5.1, §5.2). HTTPS
 * only, with the platform's certificate checks; a deadline covers the whole exchange and the
 * answer is capped, so a stalled or hostile endpoint can neither hang a check nor fill memory.
 * Nothing the endpoint says is echoed beyond its RFC error code: the body can hold tokens.
 */

/** Per request, connection and body included; the browser waits longer for the whole sign-in. */
export const TOKEN_TIMEOUT_MS = 10_000;
/** Real token answers are a few KB (Microsoft's JWTs included); far more is not a token answer. */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
/** Lets tests aim the host at their own endpoint; only ever honoured for 127.0.0.1. */
export const TOKEN_URL_OVERRIDE_ENV = 'POPBIFF_OAUTH_TOKEN_URL_OVERRIDE';

export interface TokenGrant {
  accessToken: string;
  /** Seconds the access token lives (RFC 6749 §5.1 `expires_in`). */
  expiresIn: number;
  /** Absent when the provider keeps the old one (refresh grants). */
  refreshToken?: string | undefined;
}

export interface TokenRequestOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Providers that leave `expires_in` out get the common one-hour lifetime. */
const DEFAULT_EXPIRES_IN = 3600;

const SuccessBody = z.object({
  access_token: z.string().check(z.minLength(1), z.maxLength(16_384)),
  token_type: z.string().check(z.refine((type) => type.toLowerCase() === 'bearer')),
  expires_in: z.optional(z.union([z.number(), z.string().check(z.regex(/^\d{1,9}$/))])),
  refresh_token: z.optional(z.string().check(z.minLength(1), z.maxLength(16_384))),
});

const ErrorBody = z.object({ error: z.string() });

/** RFC 6749 §5.2 codes that mean the grant or client is wrong: retrying the same request cannot help. */
const PERMANENT_ERRORS = new Set([
  'invalid_grant',
  'invalid_client',
  'unauthorized_client',
  'invalid_scope',
  'unsupported_grant_type',
  'invalid_request',
]);

/** The provider's token URL, or the test override when it names 127.0.0.1. */
export function tokenUrl(providerUrl: string, env: NodeJS.ProcessEnv): string {
  const override = env[TOKEN_URL_OVERRIDE_ENV];
  if (override === undefined || override === '') return providerUrl;
  if (!isLoopbackHttp(override))
    throw new PopbiffError('BAD_REQUEST', `${TOKEN_URL_OVERRIDE_ENV} may only name http(s)://127.0.0.1.`);
  return override;
}

export async function requestTokens(
  url: string,
  form: Record<string, string>,
  options: TokenRequestOptions = {},
): Promise<TokenGrant> {
  if (!isHttps(url) && !isLoopbackHttp(url))
    throw new PopbiffError('BAD_REQUEST', 'OAuth token endpoints must use HTTPS.');
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? TOKEN_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      // A token endpoint has no business redirecting; following would resend the code elsewhere.
      redirect: 'error',
      signal: controller.signal,
    });
    const body = await readCapped(response);
    return interpret(response.status, body);
  } catch (error) {
    if (error instanceof PopbiffError) throw error;
    if (controller.signal.aborted) throw unavailable(`did not answer within ${timeoutMs / 1000} s`);
    throw unavailable('could not be reached');
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_TOKEN_RESPONSE_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (the throw) cancels the rest of the body.
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_TOKEN_RESPONSE_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(): PopbiffError {
  return unavailable('sent an answer larger than a token answer can be');
}

function interpret(status: number, text: string): TokenGrant {
  if (status >= 200 && status < 300) return grantFrom(parseJson(text));
  const error = ErrorBody.safeParse(parseJsonOrNothing(text));
  if (error.success && PERMANENT_ERRORS.has(error.data.error)) {
    throw new PopbiffError('OAUTH_FAILED', `The provider refused the sign-in (${error.data.error}); sign in again.`);
  }
  throw unavailable(`answered with HTTP status ${status}`);
}

function grantFrom(json: unknown): TokenGrant {
  const parsed = SuccessBody.safeParse(json);
  if (!parsed.success) throw unavailable('sent an answer without a usable bearer token');
  const { access_token, expires_in, refresh_token } = parsed.data;
  const expiresIn = expires_in === undefined ? DEFAULT_EXPIRES_IN : Number(expires_in);
  return { accessToken: access_token, expiresIn, refreshToken: refresh_token };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw unavailable('sent an answer that is not JSON');
  }
}

/** Error answers are often HTML from a proxy; only a JSON one can name an RFC error. */
function parseJsonOrNothing(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unavailable(what: string): PopbiffError {
  return new PopbiffError('OAUTH_UNAVAILABLE', `The provider's token service ${what}.`);
}

function isHttps(url: string): boolean {
  return URL.canParse(url) && new URL(url).protocol === 'https:';
}

function isLoopbackHttp(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname === '127.0.0.1';
}
