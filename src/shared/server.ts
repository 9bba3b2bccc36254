import * as z from 'zod/mini';
import { argvSchema } from './commands';

/**
 * What the host needs to know of a mailbox: where it is, how to reach it and sign in, and the
 * account id it is kept under. Apart from the extension's Account (account.ts), so the host's
 * start-up does not load what only the extension uses (the rules' regex engine).
 */

/**
 * How the connection is protected.
 * - `tls`: implicit TLS from the first byte (pop3s, usually port 995).
 * - `starttls`: plain connect, then STLS (RFC 2595) is required; never falls back to clear text.
 * - `plain`: clear text; only allowed with `allowPlaintext` set by the user for this account.
 */
export const Security = z.enum(['tls', 'starttls', 'plain']);
export type Security = z.infer<typeof Security>;

export const DEFAULT_PORTS: Record<Security, number> = { tls: 995, starttls: 110, plain: 110 };

/** Sign-in methods: USER/PASS and APOP (RFC 1939 §7), SASL (RFC 5034) mechanisms. */
export const AuthMethod = z.enum(['auto', 'user', 'apop', 'plain', 'login', 'cram-md5', 'xoauth2', 'oauthbearer']);
export type AuthMethod = z.infer<typeof AuthMethod>;

/** A server name or address literal, as every server setting (found, proposed or typed) must be. */
export const Hostname = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Enter the server name.'),
    z.maxLength(253, 'The server name is too long.'),
    z.regex(/^[A-Za-z0-9.:[\]-]+$/, 'The server name may contain only letters, digits, dots, dashes and colons.'),
  );

export const Port = z
  .number()
  .check(
    z.int('The port must be a whole number.'),
    z.gte(1, 'The port must be between 1 and 65535.'),
    z.lte(65535, 'The port must be between 1 and 65535.'),
  );

/** One line: it goes into USER and SASL commands. */
export const Username = z.string().check(
  z.minLength(1, 'Enter the user name.'),
  z.maxLength(200, 'The user name is too long.'),
  z.refine((s) => !/[\r\n\0]/.test(s), 'The user name may not contain line breaks.'),
);

/** Where a mailbox is: what a stored password is bound to (the host sends it nowhere else). */
export const ServerAddress = z.object({ host: Hostname, port: Port, username: Username });
export type ServerAddress = z.infer<typeof ServerAddress>;

/**
 * What the host needs to reach and sign in to one mailbox. The password is not here: the host
 * keeps it, keyed by the account id.
 */
export const ServerSettings = z
  .object({
    host: Hostname,
    port: Port,
    security: Security,
    /** The user's explicit consent to clear text for this account (never a default). */
    allowPlaintext: z.boolean(),
    username: Username,
    /** Absolute path of an extra CA certificate (PEM) for self-hosted servers. */
    caFile: z.optional(z.string().check(z.maxLength(4096))),
    /**
     * How to sign in; absent means `auto` (the strongest method the server offers that the
     * account can use). For `xoauth2`/`oauthbearer` the host's stored secret is the access token.
     */
    auth: z.optional(AuthMethod),
    /**
     * SHA-256 fingerprint of the one certificate to accept (hex, colons optional), e.g. after
     * the user chose "trust this certificate": accepted even when untrusted, any other refused.
     */
    pinnedCertSha256: z.optional(
      z.string().check(z.regex(/^(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'Invalid certificate fingerprint.')),
    ),
    /**
     * A program that prints the password, as an argv array run without a shell, e.g.
     * ["pass", "show", "mail/work"]. Only the extension's copy, for display: the host runs the
     * argv it was given by `set-command` (options page, after confirmation), never this field.
     */
    passwordCommand: z.optional(argvSchema('password command')),
  })
  .check(
    z.refine((s) => s.security !== 'plain' || s.allowPlaintext, {
      message: 'Clear text sends your password unprotected: tick "Allow clear text" to confirm.',
      path: ['allowPlaintext'],
    }),
  );
export type ServerSettings = z.infer<typeof ServerSettings>;

export const AccountId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Invalid account id.'));
export type AccountId = z.infer<typeof AccountId>;

/**
 * What the very first check of an account counts as new, for mail that stays on the server:
 * `baseline` nothing (only what arrives afterwards), `all-new` everything already there,
 * `auto` the host's default.
 */
export const FirstCheck = z.enum(['auto', 'all-new', 'baseline']);
export type FirstCheck = z.infer<typeof FirstCheck>;
