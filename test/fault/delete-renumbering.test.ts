/**
 * Threat: deleting the wrong message. Message numbers shift when another client deletes mail,
 * two messages may share a UID, and a server may fail to commit: only the intended message may
 * go, and the reply must say exactly what happened.
 */
import { afterEach, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { deleteMessages } from '../../src/host/mailbox/delete-messages';
import type { PopbiffError } from '../../src/shared/errors';
import { type FakeMessage, maildrop, messages } from '../helpers/fake-maildrop';
import { type FakeServer, fakeRequest, startFakeServer } from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

function deleteRequest(port: number, uids: string[]) {
  const { server: settings, password, deadlines } = fakeRequest(port);
  return { server: settings, password, deadlines, uids };
}

it('deletes by UID even after another client renumbered the maildrop', async () => {
  const box = messages(5);
  server = await startFakeServer(maildrop({ messages: box }));
  const checked = await checkMailbox(fakeRequest(server.port));
  const target = checked.result.newMessages.find((m) => m.uid === 'uid-4');
  expect(target?.number).toBe(4);
  box.splice(0, 2); // another client took messages 1 and 2: uid-4 is now number 2
  const result = await deleteMessages(deleteRequest(server.port, ['uid-4']));
  expect(result).toEqual({ deleted: ['uid-4'], missing: [], ambiguous: [] });
  expect(box.map((m) => m.uid)).toEqual(['uid-3', 'uid-5']);
  expect(server.connections.at(-1)?.received).toContain('DELE 2');
});

it('refuses a UID shared by two messages and reports missing ones, deleting only the rest', async () => {
  const box: FakeMessage[] = [...messages(2), { uid: 'twin', subject: 'A' }, { uid: 'twin', subject: 'B' }];
  server = await startFakeServer(maildrop({ messages: box }));
  const result = await deleteMessages(deleteRequest(server.port, ['twin', 'uid-2', 'long-gone']));
  expect(result).toEqual({ deleted: ['uid-2'], missing: ['long-gone'], ambiguous: ['twin'] });
  expect(box.map((m) => [m.uid, m.subject])).toEqual([
    ['uid-1', 'Message 1'],
    ['twin', 'A'],
    ['twin', 'B'],
  ]);
  const sent = server.connections.at(-1)?.received ?? [];
  expect(sent.filter((line) => line.startsWith('DELE'))).toEqual(['DELE 2']);
});

// A QUIT not answered +OK: quit-reply-lost.test.ts.

it('drops the connection without QUIT when the session fails after DELE, so nothing is deleted', async () => {
  server = await startFakeServer(async (c) => {
    c.write('+OK ready\r\n');
    for (let line = await c.readLine(); line !== undefined; line = await c.readLine()) {
      const verb = line.split(' ')[0];
      if (verb === 'CAPA') c.write('+OK\r\nUIDL\r\nUSER\r\n.\r\n');
      else if (verb === 'STAT') c.write('+OK 2 200\r\n');
      else if (verb === 'UIDL') c.write('+OK\r\n1 uid-1\r\n2 uid-2\r\n.\r\n');
      else if (verb === 'DELE' && line === 'DELE 2') c.write('garbage that is no status line\r\n');
      else c.write('+OK\r\n');
    }
  });
  const error = await deleteMessages(deleteRequest(server.port, ['uid-1', 'uid-2'])).catch((e: unknown) => e);
  expect((error as PopbiffError).code).toBe('PROTOCOL_ERROR');
  await server.connections.at(-1)?.closed;
  const sent = server.connections.at(-1)?.received ?? [];
  expect(sent).toContain('DELE 1');
  expect(sent).not.toContain('QUIT');
});
