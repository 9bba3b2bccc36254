import * as z from 'zod/mini';

/**
 * The one table of error codes shared by host, background and UI.
 *
 * Codes only ever grow: never rename or reuse one, the extension and an older or newer host
 * must agree on what each means. `retry` tells the scheduler what may happen next:
 * - `backoff`: a passing problem; try again later (exponentially later).
 * - `stop`: retrying cannot help and may hurt (a wrong password locks accounts); wait until
 *   the user changes the settings or presses "Check now".
 */
export const ERROR_TABLE = {
  AUTH_FAILED: {
    retry: 'stop',
    message: 'The server rejected the user name or password.',
    action: 'Check the user name and password in the account settings (some providers need an app password).',
  },
  IN_USE: {
    retry: 'backoff',
    message: 'The mailbox is in use by another mail client right now.',
    action: 'Nothing to do: Popbiff will try again shortly.',
  },
  LOGIN_DELAY: {
    retry: 'backoff',
    message: 'The server limits how often you may sign in.',
    action: 'Nothing to do: Popbiff will wait as long as the server asks.',
  },
  SERVER_TEMPORARY: {
    retry: 'backoff',
    message: 'The server reported a temporary problem.',
    action: 'Nothing to do: Popbiff will try again later.',
  },
  SERVER_PERMANENT: {
    retry: 'stop',
    message: 'The server refused access to this mailbox.',
    action: 'Contact your mail provider, or check the account settings.',
  },
  CONNECT_FAILED: {
    retry: 'backoff',
    message: 'Could not connect to the mail server.',
    action: 'Check the server name and port, and your network connection.',
  },
  TIMEOUT: {
    retry: 'backoff',
    message: 'The mail server did not answer in time.',
    action: 'Popbiff will try again later; if it keeps happening, check the server name and port.',
  },
  TLS_UNAVAILABLE: {
    retry: 'stop',
    message: 'The server does not offer an encrypted connection (STLS) on this port.',
    action: 'Use the TLS port (usually 995), or allow clear text for this account only if you trust the network.',
  },
  TLS_FAILED: {
    retry: 'backoff',
    message: 'The encrypted connection to the server could not be set up.',
    action: 'Check the port and security setting (TLS for port 995, STARTTLS for port 110).',
  },
  CERT_UNTRUSTED: {
    retry: 'stop',
    message: "The server's certificate is not trusted.",
    action: 'Check the server name; for a self-hosted server, give its CA certificate or trust this certificate.',
  },
  PLAINTEXT_REFUSED: {
    retry: 'stop',
    message: 'Signing in would send the password in clear text, which this account does not allow.',
    action: 'Use TLS or STARTTLS, or explicitly allow clear text for this account.',
  },
  AUTH_UNSUPPORTED: {
    retry: 'stop',
    message: 'The server offers no sign-in method that Popbiff can use for this account.',
    action: 'Choose another sign-in method or security setting in the account settings.',
  },
  PROTOCOL_ERROR: {
    retry: 'backoff',
    message: 'The mail server sent a reply that Popbiff does not understand.',
    action: 'Check that the port belongs to a POP3 server; if it does, report this to Popbiff.',
  },
  LIMIT_EXCEEDED: {
    retry: 'backoff',
    message: 'The mail server sent more data than Popbiff accepts for a check.',
    action: 'Check that the port belongs to a POP3 server; if it does, report this to Popbiff.',
  },
  NO_PASSWORD: {
    retry: 'stop',
    message: 'No password is stored for this account.',
    action: 'Enter the password in the account settings.',
  },
  BAD_REQUEST: {
    retry: 'stop',
    message: 'The request was not valid.',
    action: 'Update Popbiff and its host to the same version.',
  },
  UNSUPPORTED_VERSION: {
    retry: 'stop',
    message: 'The extension and the Popbiff host speak different protocol versions.',
    action: 'Update both: reinstall the host with "npx popbiff install".',
  },
  FORBIDDEN_ORIGIN: {
    retry: 'stop',
    message: 'The Popbiff host only answers the Popbiff extension.',
    action: 'Reinstall the host with "npx popbiff install".',
  },
  HOST_NOT_FOUND: {
    retry: 'stop',
    message: 'The Popbiff host is not installed or cannot start.',
    action: 'Install it with "npx popbiff install", then run "npx popbiff doctor".',
  },
  HOST_DISCONNECTED: {
    retry: 'backoff',
    message: 'The Popbiff host stopped unexpectedly.',
    action: 'Run "npx popbiff doctor" to find out why.',
  },
  HOST_TIMEOUT: {
    retry: 'backoff',
    message: 'The Popbiff host did not answer in time.',
    action: 'Run "npx popbiff doctor" to find out why.',
  },
  STORAGE_FAILED: {
    retry: 'stop',
    message: 'The Popbiff host could not read or write its files.',
    action: 'Check the permissions of the Popbiff configuration folder.',
  },
  INTERNAL: {
    retry: 'backoff',
    message: 'Something went wrong inside Popbiff.',
    action: 'Run "npx popbiff doctor"; if the problem stays, report it.',
  },
  CLIENT_FAILED: {
    retry: 'stop',
    message: 'Could not start the mail client.',
    action: 'Check the mail client command in the account settings.',
  },
  OAUTH_FAILED: {
    retry: 'stop',
    message: 'The sign-in with your mail provider did not succeed or is no longer valid.',
    action: 'Sign in again in the account settings.',
  },
  OAUTH_UNAVAILABLE: {
    retry: 'backoff',
    message: "Your mail provider's sign-in service could not be reached or answered unexpectedly.",
    action: 'Nothing to do: Popbiff will try again later.',
  },
  OAUTH_NOT_CONFIGURED: {
    retry: 'stop',
    message: 'This build of Popbiff cannot sign in with this provider (no OAuth client id).',
    action: 'Use an app password, or a Popbiff build configured for this provider.',
  },
  SECRET_OTHER_SERVER: {
    retry: 'stop',
    message: 'The stored password was given for another server or user name, so Popbiff did not send it.',
    action: 'Enter the password again in the account settings.',
  },
  INSTALL_UNSAFE: {
    retry: 'stop',
    message: 'A system-wide install would run a program that a user other than root can change.',
    action: 'Install Node.js system-wide (owned by root), then run the system-wide install again with it.',
  },
  HOST_OUTDATED: {
    retry: 'stop',
    message: 'The Popbiff host is older than this version of the extension.',
    action: 'Update the Popbiff host.',
  },
  CA_FILE_INVALID: {
    retry: 'stop',
    message: 'The CA certificate file given for this account cannot be used.',
    action: 'Give a regular file of PEM certificates (at most 1 MiB) in the account settings, or clear the field.',
  },
  AUTH_DOWNGRADE: {
    retry: 'stop',
    message:
      'The server no longer offers the protected sign-in it offered before, so Popbiff did not send your password.',
    action:
      'Someone on the network may be interfering: use TLS for this account. If your provider really changed its server, remove the account and add it again.',
  },
} as const satisfies Record<string, { retry: 'backoff' | 'stop'; message: string; action: string }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export const ERROR_CODES = Object.keys(ERROR_TABLE) as [ErrorCode, ...ErrorCode[]];

/**
 * What the UI needs to offer "trust this certificate" (trust on first use). Capped: it comes
 * from a server, and lands in the extension's state and on screen.
 */
export const CertificateInfo = z.object({
  /** SHA-256 fingerprint, upper-case hex pairs joined by colons (as Node prints it). */
  sha256: z.string().check(z.maxLength(200)),
  subject: z.string().check(z.maxLength(500)),
  issuer: z.string().check(z.maxLength(500)),
  validFrom: z.string().check(z.maxLength(100)),
  validTo: z.string().check(z.maxLength(100)),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

/** What crosses the native-messaging boundary and lands in the extension's state. */
export const ErrorInfo = z.object({
  code: z.enum(ERROR_CODES),
  /** Specific, secret-free detail of what happened (e.g. the server's reply text). */
  message: z.string().check(z.maxLength(1000)),
  /** Epoch ms before which retrying is pointless (server's LOGIN-DELAY and the like). */
  retryAfter: z.optional(z.number()),
  /** The server's certificate, on CERT_UNTRUSTED. */
  certificate: z.optional(CertificateInfo),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** A typed failure; everything Popbiff throws on purpose is one of these. */
export class PopbiffError extends Error {
  override readonly name = 'PopbiffError';
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_TABLE[code].message,
    readonly retryAfter?: number,
    readonly certificate?: CertificateInfo,
  ) {
    super(message);
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.retryAfter !== undefined) info.retryAfter = this.retryAfter;
    if (this.certificate !== undefined) info.certificate = this.certificate;
    return info;
  }
}

export function isRetryable(code: ErrorCode): boolean {
  return ERROR_TABLE[code].retry === 'backoff';
}

/** Turns anything thrown into an ErrorInfo without leaking unexpected text (it may hold secrets). */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof PopbiffError) return error.toInfo();
  return { code: 'INTERNAL', message: ERROR_TABLE.INTERNAL.message };
}
