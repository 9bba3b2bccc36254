/**
 * A scriptable POP3 server on 127.0.0.1 for what real servers will not do on demand: garbage,
 * stalls, disconnects, oversized lines, refused STLS. Each test scripts one connection.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { CheckRequest } from '../../src/host/mailbox/check/check-request';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import type { Security } from '../../src/shared/server';
import { PopbiffError } from '../../src/shared/errors';

export interface FakeConnection {
  /** Every line the client sent, in order. */
  readonly received: string[];
  /** The raw chunks as they arrived: commands pipelined together usually share one. */
  readonly chunks: string[];
  /** Forgets lines received but not yet read (a server that flushes its input after sign-in). */
  discardQueued(): string[];
  write(data: string | Buffer): void;
  /** The client's next line; undefined once the connection has closed. */
  readLine(): Promise<string | undefined>;
  destroy(): void;
  /** Server side of STLS: from now on, talk TLS over the same socket (the old object goes quiet). */
  startTls(options: { key: string; cert: string }): FakeConnection;
  /** Resolves when the connection has closed, whoever closed it. */
  readonly closed: Promise<void>;
  readonly socket: net.Socket;
}

export interface FakeServer {
  port: number;
  connections: FakeConnection[];
  close(): Promise<void>;
}

export type Script = (connection: FakeConnection) => Promise<void>;

export async function startFakeServer(script: Script): Promise<FakeServer> {
  const connections: FakeConnection[] = [];
  const server = net.createServer((socket) => {
    const connection = wrap(socket);
    connections.push(connection);
    // A script that fails just ends the connection; the test asserts on the client's error.
    script(connection).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    connections,
    close: async () => {
      for (const c of connections) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function wrap(socket: net.Socket): FakeConnection {
  const received: string[] = [];
  const chunks: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  const queued: string[] = [];
  let buffer = '';
  let ended = false;
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk.toString('latin1'));
    buffer += chunk.toString('latin1');
    for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      received.push(line);
      const reader = waiting.shift();
      if (reader) reader(line);
      else queued.push(line);
    }
  });
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      ended = true;
      for (const reader of waiting.splice(0)) reader(undefined);
      resolve();
    }),
  );
  return {
    received,
    chunks,
    discardQueued: () => queued.splice(0),
    socket,
    closed,
    write: (data) => {
      if (!socket.destroyed) socket.write(data);
    },
    readLine: () => {
      const line = queued.shift();
      if (line !== undefined || ended) return Promise.resolve(line);
      return new Promise((resolve) => waiting.push(resolve));
    },
    destroy: () => socket.destroy(),
    startTls: (options) => {
      socket.removeAllListeners('data');
      return wrap(new tls.TLSSocket(socket, { isServer: true, ...options }));
    },
  };
}

/** Answers each command from a table of verb → reply; unknown verbs get -ERR. QUIT ends. */
export async function answer(connection: FakeConnection, replies: Record<string, string>): Promise<void> {
  for (;;) {
    const line = await connection.readLine();
    if (line === undefined) return;
    const verb = line.split(' ')[0]?.toUpperCase() ?? '';
    connection.write(replies[verb] ?? '-ERR unknown command\r\n');
    if (verb === 'QUIT') return connection.destroy();
  }
}

/** A plain RFC 1939 server with one message, answering every command a check sends. */
export const HAPPY_REPLIES: Record<string, string> = {
  CAPA: '+OK\r\nUIDL\r\nTOP\r\nUSER\r\n.\r\n',
  USER: '+OK\r\n',
  PASS: '+OK signed in\r\n',
  STAT: '+OK 1 120\r\n',
  UIDL: '+OK\r\n1 uid-one\r\n.\r\n',
  LIST: '+OK 1 120\r\n',
  TOP: '+OK\r\nFrom: A <a@example.org>\r\nSubject: Hello\r\n\r\n.\r\n',
  QUIT: '+OK bye\r\n',
};

/** Resolves true if `promise` settles within `ms`, so a test never waits forever. */
export function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(settled, settled);
  });
}

// Requests aimed at the fake server, with short deadlines so faults show up fast.

export const FAKE_PASSWORD = 'fake-secret-4711';

export function fakeRequest(
  port: number,
  security: Security = 'plain',
  overrides: Partial<CheckRequest> = {},
): CheckRequest {
  return {
    server: { host: '127.0.0.1', port, security, allowPlaintext: security === 'plain', username: 'alice' },
    password: FAKE_PASSWORD,
    watch: [],
    limit: 5,
    firstCheck: 'all-new',
    deadlines: { connect: 2000, tls: 2000, command: 300, check: 3000 },
    ...overrides,
  };
}

/** The PopbiffError a check fails with; fails the test if it succeeds or throws anything else. */
export async function checkError(request: CheckRequest): Promise<PopbiffError> {
  const outcome = await checkMailbox(request).then(
    () => new Error('the check succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof PopbiffError)) throw outcome;
  return outcome;
}
