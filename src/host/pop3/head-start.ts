/**
 * A connection opened ahead of its session. A check starts connecting (TCP, then TLS) as soon as
 * it arrives, while the host still reads its password and remembered state (files, a keyring
 * call, an OAuth refresh): nothing before the greeting needs either, and the round trips overlap
 * that work instead of following it. The session takes the connection once (session-run.ts); one
 * never taken (no password stored, say) is closed unused, before any command was sent.
 */
import type net from 'node:net';
import { quiet } from './batch';
import { HEAD_START_FRESH_MS } from './limits';

export class HeadStart {
  private readonly connection: Promise<net.Socket>;
  private readonly started = Date.now();
  private claimed = false;

  constructor(
    connect: () => Promise<net.Socket>,
    private readonly freshForMs = HEAD_START_FRESH_MS,
  ) {
    this.connection = quiet(connect().then(holdErrors));
  }

  /**
   * The connection, for the first session only; a later attempt (a reconnect) opens its own, as
   * does a session that finds it closed or older than `freshForMs` (the password took long: a
   * pass phrase typed; servers drop idle connections). A failure to connect is the session's.
   */
  async take(): Promise<net.Socket | undefined> {
    if (this.claimed) return undefined;
    this.claimed = true;
    const socket = await this.connection;
    // A server's FIN waits unread behind its greeting, so an old connection may be closing unseen.
    if (Date.now() - this.started > this.freshForMs) socket.destroy();
    return socket.destroyed ? undefined : socket;
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
