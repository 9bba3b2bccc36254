/**
 * The one place that opens, secures and signs in to a mailbox; check, preview, delete and
 * test-account all come through here and only bring the work done after sign-in.
 */
import type net from 'node:net';
import { PopbiffError } from '../../shared/errors';
import type { ServerSettings } from '../../shared/server';
import { departed } from './departures';
import { DEFAULT_DEADLINES, type Deadlines } from './limits';
import { Reconnect, SessionRun, type SessionRequest, type SignedInWork } from './session-run';
import { connectFor, endpointOf } from './transport';

export interface MailboxRequest extends SessionRequest {
  /** Shorter deadlines for tests; the defaults live in limits.ts. */
  deadlines?: Partial<Deadlines> | undefined;
}

/**
 * Reconnects at most this often within one operation: once for a server that hangs up on CAPA,
 * once for one that drops pipelined commands; each lesson is remembered in `ServerFacts`.
 */
const MAX_ATTEMPTS = 3;

export async function withMailbox<T>(request: MailboxRequest, work: SignedInWork<T>): Promise<T> {
  const { server } = request;
  refusePlaintext(server);
  const deadlines = { ...DEFAULT_DEADLINES, ...request.deadlines };
  // The previous session's QUIT first: until it is answered the maildrop may still be locked.
  await departed(server);
  const started = Date.now();
  let facts = request.known?.serverFacts;
  for (let attempt = 1; ; attempt++) {
    // The whole operation shares one deadline, reconnects included.
    const remaining = deadlines.check - (Date.now() - started);
    const run = new SessionRun(request, { ...deadlines, check: Math.max(remaining, 1) }, facts);
    try {
      return await run.withDeadline(() => run.run(work));
    } catch (error) {
      if (!(error instanceof Reconnect) || attempt >= MAX_ATTEMPTS) throw unwrap(error);
      facts = error.facts;
    }
  }
}

/**
 * The connection a session to the mailbox starts on, opened ahead of it (head-start.ts): the same
 * refusal, the same wait for a previous goodbye, the default deadlines.
 */
export async function connectToMailbox(server: ServerSettings): Promise<net.Socket> {
  refusePlaintext(server);
  await departed(server);
  return connectFor(endpointOf(server), server.security, DEFAULT_DEADLINES);
}

/** Refuse before any byte leaves: the password must not even be at risk (see account.ts). */
function refusePlaintext(server: ServerSettings): void {
  if (server.security === 'plain' && !server.allowPlaintext) throw new PopbiffError('PLAINTEXT_REFUSED');
}

function unwrap(error: unknown): unknown {
  return error instanceof Reconnect
    ? new PopbiffError('PROTOCOL_ERROR', 'The server kept closing the connection.')
    : error;
}
