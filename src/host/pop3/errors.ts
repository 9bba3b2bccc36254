/**
 * Turns what went wrong (a -ERR during sign-in, a socket or TLS error) into the shared error
 * table, so the scheduler knows whether retrying can help. A wrong password must come out as
 * AUTH_FAILED (never retried); everything that is not the password must not.
 */
import { PopbiffError } from '../../shared/errors';
import { quote, type Status } from './replies';

const CODE_MAP: Record<string, PopbiffError['code']> = {
  AUTH: 'AUTH_FAILED',
  'IN-USE': 'IN_USE',
  'LOGIN-DELAY': 'LOGIN_DELAY',
  'SYS/TEMP': 'SERVER_TEMPORARY',
  'SYS/PERM': 'SERVER_PERMANENT',
};

export interface SignInContext {
  /** The server announced AUTH-RESP-CODE (RFC 3206 §6): a -ERR without [AUTH] is not the password. */
  authRespCode: boolean;
  /** CAPA LOGIN-DELAY, used to say when retrying makes sense. */
  loginDelaySeconds?: number | undefined;
  now?: number;
}

/** A -ERR to the greeting, USER, PASS or another sign-in step (RFC 2449 §8, RFC 3206). */
export function signInError(status: Status, context: SignInContext): PopbiffError {
  const said = `The server said: "${quote(status.text)}"`;
  const mapped = status.code === undefined ? undefined : CODE_MAP[status.code.split('/').slice(0, 2).join('/')];
  const code = mapped ?? guess(status.text, context);
  if (code !== 'LOGIN_DELAY' || context.loginDelaySeconds === undefined) return new PopbiffError(code, said);
  return new PopbiffError(code, said, (context.now ?? Date.now()) + context.loginDelaySeconds * 1000);
}

/**
 * No (known) response code: old servers only say it in words. Conservative: only phrases that
 * cannot be about the password move a failure away from AUTH_FAILED.
 */
function guess(text: string, context: SignInContext): PopbiffError['code'] {
  if (/in use|locked|lock |busy|another session|already (logged|connected)/i.test(text)) return 'IN_USE';
  if (/login.?delay|too (soon|often|frequent)|wait \d+ (sec|min)/i.test(text)) return 'LOGIN_DELAY';
  if (/try (again )?later|temporar|too many (connections|sessions|users)|maintenance|unavailable/i.test(text))
    return 'SERVER_TEMPORARY';
  return context.authRespCode ? 'SERVER_TEMPORARY' : 'AUTH_FAILED';
}

/** Node's codes for a certificate that does not chain to a trusted CA or does not fit the host. */
const CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
]);

export interface SocketFailure {
  /** What was going on: "connecting", "the TLS handshake", ... */
  during: string;
  /** The server name the user gave, to name it when DNS knows no such server. */
  host?: string | undefined;
  /** SHA-256 fingerprint of the server's certificate, when one was seen. */
  fingerprint?: string | undefined;
}

/** Maps an error from node:net / node:tls; PopbiffErrors pass through unchanged. */
export function socketError(error: unknown, failure: SocketFailure): PopbiffError {
  if (error instanceof PopbiffError) return error;
  const code = errorCode(error);
  if (CERT_CODES.has(code)) {
    const print = failure.fingerprint ? ` (SHA-256 fingerprint ${failure.fingerprint})` : '';
    return new PopbiffError('CERT_UNTRUSTED', `The server's certificate is not trusted: ${code}${print}.`);
  }
  // getaddrinfo's "no such name": not a connection problem, a name that does not exist.
  if (code === 'ENOTFOUND' && failure.host !== undefined)
    return new PopbiffError(
      'CONNECT_FAILED',
      `No server named "${printableHost(failure.host)}" was found. Check the server name in the account settings.`,
    );
  if (CONNECT_CODES.has(code))
    return new PopbiffError('CONNECT_FAILED', `Connection failed while ${failure.during}: ${code}.`);
  if (failure.during === 'the TLS handshake') {
    return new PopbiffError('TLS_FAILED', `The TLS handshake failed${code ? `: ${code}` : ''}.`);
  }
  if (code === 'ETIMEDOUT') return new PopbiffError('TIMEOUT', `Timed out while ${failure.during}.`);
  return new PopbiffError('CONNECT_FAILED', `Connection failed while ${failure.during}${code ? `: ${code}` : ''}.`);
}

/** The user's own setting, echoed: control characters and length cannot get into the message. */
function printableHost(host: string): string {
  return host.replace(/[^\x21-\x7e]/g, '?').slice(0, 253);
}

/** Only the error's code travels on: its message may carry details we did not choose to show. */
function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  const { code } = error as { code: unknown };
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : '';
}
