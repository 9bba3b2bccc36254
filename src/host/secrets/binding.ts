import * as z from 'zod/mini';
import type { ServerSettings } from '../../shared/server';
import { PopbiffError } from '../../shared/errors';

/**
 * The server a secret was given for. A password (or OAuth refresh token) is only ever sent to the
 * host, port and user name it was stored for: settings that name another server — a tampered
 * settings file, a script in an extension page — get a typed error, never the secret.
 */
export const SecretBinding = z.object({
  host: z.string().check(z.maxLength(253)),
  port: z.number(),
  username: z.string().check(z.maxLength(200)),
});
export type SecretBinding = z.infer<typeof SecretBinding>;

/** Host names compare without case (RFC 4343); ports and user names exactly. */
export function bindingOf(server: Pick<ServerSettings, 'host' | 'port' | 'username'>): SecretBinding {
  return { host: server.host.trim().toLowerCase(), port: server.port, username: server.username };
}

export function sameBinding(a: SecretBinding, b: SecretBinding): boolean {
  return a.host === b.host && a.port === b.port && a.username === b.username;
}

export function boundElsewhere(): PopbiffError {
  return new PopbiffError('SECRET_OTHER_SERVER');
}

/**
 * A stored password with the server it belongs to. The prefix cannot start a legacy value that
 * matters: secrets stored before binding existed are plain text and get bound on first use.
 */
const PREFIX = 'popbiff-bound:';

const Stored = z.object({ v: z.literal(1), server: SecretBinding, secret: z.string() });

export function encodeBound(secret: string, server: SecretBinding): string {
  return `${PREFIX}${JSON.stringify({ v: 1, server, secret })}`;
}

/** The secret and its server; `server` undefined for a secret stored before binding existed. */
export function decodeBound(stored: string): { secret: string; server?: SecretBinding } {
  if (!stored.startsWith(PREFIX)) return { secret: stored };
  let json: unknown;
  try {
    json = JSON.parse(stored.slice(PREFIX.length));
  } catch {
    json = undefined;
  }
  const parsed = Stored.safeParse(json);
  // Never echo the content: it holds the password.
  if (!parsed.success) throw new PopbiffError('STORAGE_FAILED', 'The stored password is damaged; enter it again.');
  return { secret: parsed.data.secret, server: parsed.data.server };
}
