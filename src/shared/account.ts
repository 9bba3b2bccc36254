import * as z from 'zod/mini';

/**
 * How the connection is protected.
 * - `tls`: implicit TLS from the first byte (pop3s, usually port 995).
 * - `starttls`: plain connect, then STLS (RFC 2595) is required; never falls back to clear text.
 * - `plain`: clear text; only allowed with `allowPlaintext` set by the user for this account.
 */
export const Security = z.enum(['tls', 'starttls', 'plain']);
export type Security = z.infer<typeof Security>;

export const DEFAULT_PORTS: Record<Security, number> = { tls: 995, starttls: 110, plain: 110 };

const hostname = z.string().check(
  z.trim(),
  z.minLength(1, 'Enter the server name.'),
  z.maxLength(253, 'The server name is too long.'),
  z.regex(/^[A-Za-z0-9.:[\]-]+$/, 'The server name may contain only letters, digits, dots, dashes and colons.'),
);

const port = z.number().check(
  z.int('The port must be a whole number.'),
  z.gte(1, 'The port must be between 1 and 65535.'),
  z.lte(65535, 'The port must be between 1 and 65535.'),
);

/**
 * What the host needs to reach and sign in to one mailbox. The password is not here: the host
 * keeps it, keyed by the account id.
 */
export const ServerSettings = z
  .object({
    host: hostname,
    port,
    security: Security,
    /** The user's explicit consent to clear text for this account (never a default). */
    allowPlaintext: z.boolean(),
    username: z.string().check(
      z.minLength(1, 'Enter the user name.'),
      z.maxLength(200, 'The user name is too long.'),
      z.refine((s) => !/[\r\n\0]/.test(s), 'The user name may not contain line breaks.'),
    ),
    /** Absolute path of an extra CA certificate (PEM) for self-hosted servers. */
    caFile: z.optional(z.string().check(z.maxLength(4096))),
  })
  .check(
    z.refine((s) => s.security !== 'plain' || s.allowPlaintext, {
      message: 'Clear text sends your password unprotected: tick "Allow clear text" to confirm.',
      path: ['allowPlaintext'],
    }),
  );
export type ServerSettings = z.infer<typeof ServerSettings>;

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

export const AccountId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Invalid account id.'));
export type AccountId = z.infer<typeof AccountId>;

/** One account as the extension keeps it in storage (never with a secret). */
export const Account = z.object({
  id: AccountId,
  name: z.string().check(z.trim(), z.minLength(1, 'Enter a name for the account.'), z.maxLength(100)),
  server: ServerSettings,
  webmailUrl,
  intervalMinutes: z.number().check(
    z.int('The interval must be whole minutes.'),
    z.gte(1, 'Check at most once a minute.'),
    z.lte(1440, 'Check at least once a day.'),
  ),
  enabled: z.boolean(),
});
export type Account = z.infer<typeof Account>;

export const DEFAULT_INTERVAL_MINUTES = 5;
