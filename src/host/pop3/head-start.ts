/**
 * A connection opened ahead of its session. A check starts connecting (TCP, then TLS) as soon as
 * it arrives, while the host still reads its password and remembered state (files, a keyring
 * call, an OAuth refresh): nothing before the greeting needs either, and the round trips overlap
 * that work instead of following it. The session takes the connection once (session-run.ts); one
 * never taken (no password stored, say) is closed unused, before any command was sent.
 */
import type net from 'node:net';
import { PopbiffError } from '../../shared/errors';
import { quiet } from './batch';

export class HeadStart {
  private readonly connection: Promise<net.Socket>;
  private claimed = false;

  constructor(connect: () => Promise<net.Socket>) {
    this.connection = quiet(connect().then(holdErrors));
  }

  /** The connection, for the first session only; a later attempt (a reconnect) opens its own. */
  take(): Promise<net.Socket> | undefined {
    if (this.claimed) return undefined;
    this.claimed = true;
    return this.connection.then(stillOpen);
  }

  /** Closes the connection unless a session took it. */
  discard(): void {
    if (this.claimed) return;
    this.claimed = true;
    this.connection.then(
      (socket) => socket.destroy(),
      () => undefined,
    );
  }
}

/**
 * While the connection waits for its session nobody listens; an error then only closes it (and
 * must not crash the host), and the session finds it closed.
 */
function holdErrors(socket: net.Socket): net.Socket {
  socket.on('error', () => undefined);
  return socket;
}

function stillOpen(socket: net.Socket): net.Socket {
  if (socket.destroyed)
    throw new PopbiffError('CONNECT_FAILED', 'The connection was closed before the server greeted.');
  return socket;
}
