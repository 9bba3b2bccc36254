/**
 * Sessions whose QUIT is still on its way. A check that only looked answers as soon as it knows
 * what it found: QUIT has already left (so the server releases the maildrop as early as it would
 * have), and its reply, which says nothing a peek needs, arrives behind the answer. That is one
 * round trip less for most checks.
 *
 * Until that reply, the server may still hold the maildrop lock (RFC 1939 §8): a new session to
 * the same mailbox from this process waits for it, or it could be refused as in use (RFC 2449
 * §8.1.1). The socket keeps the process alive until then; a QUIT is bounded by its reply deadline.
 */
import type { ServerSettings } from '../../shared/server';

/** The maildrop a session signs in to. */
type Maildrop = Pick<ServerSettings, 'host' | 'port' | 'username'>;

const leaving = new Map<string, Promise<void>>();

/** One maildrop: host names are case-insensitive (RFC 4343), the user name is the server's business. */
function maildropKey(server: Maildrop): string {
  return `${server.host.toLowerCase()}:${server.port}:${server.username}`;
}

/** Remembers a QUIT under way for the mailbox until it has settled. */
export function departing(server: Maildrop, goodbye: Promise<void>): void {
  const key = maildropKey(server);
  const done = goodbye.finally(() => {
    if (leaving.get(key) === done) leaving.delete(key);
  });
  leaving.set(key, done);
}

/** Resolves once no QUIT to the mailbox is under way (at once, mostly). */
export function departed(server: Maildrop): Promise<void> {
  return leaving.get(maildropKey(server)) ?? Promise.resolve();
}
