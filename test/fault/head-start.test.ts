/**
 * A check connects while the host still reads its password and state (pop3/head-start.ts). The
 * early connection must carry nothing before the password is known, close unused when there is
 * none (no sign-in attempt, so nothing a server could count against the user), and a connection
 * the server dropped meanwhile must be replaced, not waited on.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/host/native/handlers';
import { eventually } from '../helpers/eventually';
import { maildrop, messages } from '../helpers/fake-maildrop';
import { FAKE_PASSWORD, type FakeServer, startFakeServer, within } from '../helpers/fake-pop3-server';
import { MemoryCommands } from '../helpers/memory-commands';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const unused = () => Promise.reject(new Error('not called'));

/** The real handlers and POP3 engine, with a password store the test answers when it chooses. */
function handlersWith(password: () => Promise<string | undefined>) {
  return createHandlers({
    secrets: { kind: 'file', get: password, set: async () => undefined, delete: unused },
    commands: new MemoryCommands(),
    state: { load: vi.fn(async () => undefined), save: vi.fn(async () => 'token'), delete: vi.fn(unused) },
    log: { addSecret: () => undefined },
    platform: 'test',
  });
}

function checkOf(port: number) {
  const server = { host: '127.0.0.1', port, security: 'plain' as const, allowPlaintext: true, username: 'alice' };
  return { accountId: 'acc1', server, watch: [], limit: 5 };
}

/** Starts a check whose password read waits for `release`; resolves once its connection reached the server. */
async function checkWithHeldPassword(fake: FakeServer) {
  let release = (): void => undefined;
  const read = new Promise<void>((resolve) => (release = resolve));
  const handlers = handlersWith(async () => {
    await read;
    return FAKE_PASSWORD;
  });
  const checked = handlers.check(checkOf(fake.port));
  await eventually(
    async () => fake.connections.length,
    (n) => n === 1,
    'connections',
    2000,
  );
  return { checked, release };
}

it('connects while the password is still being read, and sends nothing until it is known', async () => {
  server = await startFakeServer(maildrop({ messages: messages(2) }));
  const { checked, release } = await checkWithHeldPassword(server);
  expect(server.connections[0]?.received).toEqual([]);
  release();
  expect(await checked).toMatchObject({ count: 2 });
  expect(server.connections).toHaveLength(1);
});

it('without a stored password the early connection closes unused, before any command', async () => {
  server = await startFakeServer(maildrop({ messages: messages(2) }));
  const handlers = handlersWith(async () => undefined);
  await expect(handlers.check(checkOf(server.port))).rejects.toMatchObject({ code: 'NO_PASSWORD' });
  await eventually(
    async () => server?.connections.length,
    (n) => n === 1,
    'connections',
    2000,
  );
  expect(await within(server.connections[0]?.closed ?? Promise.resolve(), 2000)).toBe(true);
  expect(server.connections.flatMap((c) => c.received)).toEqual([]);
});

it('a connection the server dropped while the password was read is replaced by a new one', async () => {
  const serve = maildrop({ messages: messages(2) });
  // The first connection is dropped at once (a server closing idle connections); the next is served.
  server = await startFakeServer(async (connection) =>
    server?.connections.length === 1 ? connection.destroy() : serve(connection),
  );
  const { checked, release } = await checkWithHeldPassword(server);
  await server.connections[0]?.closed;
  // Time for the host to see the close too: the session must then open a new connection, where
  // it would otherwise wait on the dead one for a greeting until its 30 s reply deadline.
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
  expect(await within(checked, 2000)).toBe(true);
  expect(await checked).toMatchObject({ count: 2 });
  expect(server.connections).toHaveLength(2);
});
