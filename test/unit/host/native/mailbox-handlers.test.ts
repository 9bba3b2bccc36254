import type net from 'node:net';
import { expect, it, vi } from 'vitest';
import { createHandlers } from '../../../../src/host/native/handlers';
import { HeadStart } from '../../../../src/host/pop3/head-start';
import type { MailboxOperations } from '../../../../src/host/native/mailbox-operations';
import { MemoryCommands } from '../../../helpers/memory-commands';
import { recordingCheck } from '../../../helpers/recording-check';

const server = {
  host: 'mail.example.org',
  port: 995,
  security: 'tls' as const,
  allowPlaintext: false,
  username: 'ada',
};
const unused = () => Promise.reject(new Error('not called'));

function setup(stored: string | undefined, newMailHook?: { onCheck: (...args: unknown[]) => Promise<'ran'> }) {
  const { checks, checkMailbox } = recordingCheck();
  const mailbox: MailboxOperations = {
    connectAhead: vi.fn(() => new HeadStart(() => new Promise<never>(() => undefined))),
    checkMailbox,
    previewMessage: vi.fn(async ({ uid }) => ({ uid, found: true, text: 'hi', truncated: false })),
    deleteMessages: vi.fn(async ({ uids }) => ({ deleted: uids, missing: [], ambiguous: [] })),
    testAccount: vi.fn(async () => ({
      ok: true,
      report: { capabilities: [], timings: [], roundTrips: 1 },
      transcript: [],
    })),
    autoconfig: vi.fn(async () => ({ source: 'none' as const, servers: [] })),
  };
  const state = { load: vi.fn(async () => undefined), save: vi.fn(async () => 'token'), delete: vi.fn(unused) };
  const handlers = createHandlers({
    // `set`: a secret stored before binding existed is bound on first use (binding.ts).
    secrets: { kind: 'file', get: async () => stored, set: async () => undefined, delete: unused },
    commands: new MemoryCommands(),
    state,
    log: { addSecret: () => undefined },
    platform: 'test',
    mailbox,
    ...(newMailHook ? { newMailHook } : {}),
  });
  return { handlers, mailbox, checks, state };
}

it('test-account uses the typed password, else the stored one, and never touches the stored state', async () => {
  const { handlers, mailbox, state } = setup('stored-pw');
  await handlers['test-account']({ accountId: 'a', server, secret: 'typed-pw' });
  await handlers['test-account']({ accountId: 'a', server, secret: '' });
  expect(vi.mocked(mailbox.testAccount).mock.calls.map(([r]) => r.password)).toEqual(['typed-pw', 'stored-pw']);
  expect(state.load).not.toHaveBeenCalled();
  expect(state.save).not.toHaveBeenCalled();
});

it('test-account without any password answers ok: false with NO_PASSWORD instead of failing', async () => {
  const { handlers, mailbox } = setup(undefined);
  const result = await handlers['test-account']({ accountId: 'a', server });
  expect(result).toMatchObject({ ok: false, error: { code: 'NO_PASSWORD' }, transcript: [] });
  expect(mailbox.testAccount).not.toHaveBeenCalled();
});

it('passes the account password to preview and delete, and firstCheck to the check', async () => {
  const { handlers, mailbox, checks } = setup('stored-pw');
  await handlers.preview({ accountId: 'a', server, uid: 'u1', lines: 20 });
  await handlers['delete-messages']({ accountId: 'a', server, uids: ['u1'] });
  expect(vi.mocked(mailbox.previewMessage).mock.calls[0]?.[0]).toMatchObject({
    password: 'stored-pw',
    uid: 'u1',
    lines: 20,
  });
  expect(vi.mocked(mailbox.deleteMessages).mock.calls[0]?.[0]).toMatchObject({ password: 'stored-pw', uids: ['u1'] });
  await handlers.check({ accountId: 'a', server, watch: [], limit: 5, firstCheck: 'baseline' });
  await handlers.check({ accountId: 'a', server, watch: [], limit: 5 });
  expect(checks.map((c) => c.firstCheck)).toEqual(['baseline', 'auto']);
});

it('check tells the on-new-mail command about the result it returns, with the account and user name', async () => {
  const onCheck = vi.fn(async () => 'ran' as const);
  const { handlers } = setup('pw', { onCheck });
  const reply = await handlers.check({ accountId: 'a', server, watch: [], limit: 5 });
  expect(onCheck).toHaveBeenCalledWith('a', 'ada', reply);
});

it('a check starts connecting while its password and state are still being read, and closes an unused connection', async () => {
  let release = (): void => undefined;
  const read = new Promise<void>((resolve) => (release = resolve));
  const socket = { on: vi.fn(), destroy: vi.fn(), destroyed: false };
  const connectAhead = vi.fn(() => new HeadStart(async () => socket as unknown as net.Socket));
  const { checks, checkMailbox } = recordingCheck();
  const handlers = createHandlers({
    secrets: {
      kind: 'file',
      get: async () => {
        await read;
        return 'stored-pw';
      },
      set: async () => undefined,
      delete: unused,
    },
    commands: new MemoryCommands(),
    state: { load: vi.fn(async () => undefined), save: vi.fn(async () => 'token'), delete: vi.fn(unused) },
    log: { addSecret: () => undefined },
    platform: 'test',
    mailbox: { connectAhead, checkMailbox },
  });
  const checked = handlers.check({ accountId: 'acc1', server, watch: [], limit: 5 });
  await Promise.resolve();
  expect(connectAhead).toHaveBeenCalledWith(server);
  expect(checks).toHaveLength(0);
  release();
  await checked;
  expect(checks).toHaveLength(1);
  // The session was handed the connection; whatever it did not take is closed afterwards.
  expect(checks[0]?.headStart).toBe(connectAhead.mock.results[0]?.value);
  await vi.waitFor(() => expect(socket.destroy).toHaveBeenCalled());
});
