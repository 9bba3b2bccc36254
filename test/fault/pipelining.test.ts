/**
 * Pipelining (RFC 2449 §6.6): with PIPELINING the sign-in and the first look at the maildrop go
 * out together, and remembered facts let the next check do so from the first packet. Threat: a
 * server that announces PIPELINING but drops what was pipelined after the sign-in must not hang
 * the check; the client notices within the stall deadline and stops pipelining for the account.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { eventually } from '../helpers/eventually';
import { maildrop, messages } from '../helpers/fake-maildrop';
import { checkError, type FakeServer, fakeRequest, startFakeServer } from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const DEADLINES = { connect: 2000, tls: 2000, command: 3000, check: 8000, pipelineStall: 300 };

describe('pipelining', () => {
  it('sends the sign-in, STAT, UIDL n and a peek at message n + 1 in one packet once the server is known', async () => {
    const box = messages(3);
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    expect(first.known.serverFacts?.pipelining).toBe(true);
    const second = await checkMailbox(fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }));
    expect(second.result.newCount).toBe(0);
    const connection = server.connections.at(-1)!;
    // The first thing the client sends carries the whole sign-in phase.
    expect(connection.chunks[0]).toMatch(
      /^AUTH PLAIN \S+\r\nSTAT\r\nUIDL 3\r\nUIDL 4\r\nLIST 4\r\nTOP 4 0\r\nCAPA\r\n$/,
    );
    expect(connection.received).not.toContain('UIDL');
    // QUIT follows; the check answers without waiting for its reply (quit-behind-answer.test.ts).
    await eventually(
      async () => connection.received.at(-1),
      (last) => last === 'QUIT',
      'the last command',
      1000,
    );
  });

  it('one new message comes with the first packet: the next one carries only QUIT', async () => {
    const box = messages(3);
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    box.push(...messages(1, 'later'));
    const { result, known } = await checkMailbox(
      fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }),
    );
    expect(result.newCount).toBe(1);
    expect(result.newMessages).toEqual([
      expect.objectContaining({ uid: 'later-1', number: 4, size: 100, subject: box[3]!.subject }),
    ]);
    expect(known.uids).toEqual(box.map((m) => m.uid));
    const connection = server.connections.at(-1)!;
    await eventually(
      async () => connection.chunks,
      (chunks) => chunks.length === 2,
      'the QUIT packet',
      1000,
    );
    expect(connection.chunks[1]).toBe('QUIT\r\n');
  });

  it('more new mail: the first packet read the oldest new one, one more packet reads the rest and says QUIT', async () => {
    const box = messages(3);
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    box.push(...messages(3, 'later'));
    const { result, known } = await checkMailbox(
      fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }),
    );
    expect(result.newCount).toBe(3);
    expect(result.newMessages.map((m) => [m.uid, m.number])).toEqual([
      ['later-3', 6],
      ['later-2', 5],
      ['later-1', 4],
    ]);
    expect(known.uids).toEqual(box.map((m) => m.uid));
    const connection = server.connections.at(-1)!;
    expect(connection.chunks).toHaveLength(2);
    expect(connection.chunks[1]).toMatch(/^UIDL 5\r\nUIDL 6\r\nLIST 6\r\nTOP 6 0\r\nLIST 5\r\nTOP 5 0\r\nQUIT\r\n$/);
  });

  it('a server answering the peek at a message it does not have with nonsense still gets a quiet check', async () => {
    const nonsense: { uidl?: string; list?: string }[] = [
      { uidl: '+OK' },
      { uidl: '+OK 9 someone-else' },
      { uidl: '+OK 4 two words' },
      { list: '+OK' },
      { list: '+OK 4 lots' },
      { uidl: '+OK', list: '+OK' },
    ];
    for (const beyond of nonsense) {
      const what = JSON.stringify(beyond);
      const box = messages(3);
      server = await startFakeServer(maildrop({ messages: box, beyond }));
      const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
      const { result, known } = await checkMailbox(
        fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }),
      );
      expect(server.connections.at(-1)!.received, what).toEqual(expect.arrayContaining(['UIDL 4', 'LIST 4']));
      expect(result, what).toMatchObject({ count: 3, newCount: 0, newMessages: [] });
      expect(known.uids, what).toEqual(box.map((m) => m.uid));
      await server.close();
      server = undefined;
    }
  });

  it('nonsense to the peek from a slow server is not taken for dropped pipelining', async () => {
    const box = messages(3);
    server = await startFakeServer(
      maildrop({ messages: box, beyond: { list: '+OK' }, busyAfterSignInMs: DEADLINES.pipelineStall * 3 }),
    );
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    const before = server.connections.length;
    const { result, known } = await checkMailbox(
      fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }),
    );
    expect(result).toMatchObject({ count: 3, newCount: 0 });
    expect(server.connections).toHaveLength(before + 1);
    expect(known.serverFacts?.pipelining).toBe(true);
  });

  it('without pipelining there is no peek: it would cost three round trips', async () => {
    const box = messages(3);
    server = await startFakeServer(maildrop({ messages: box, capa: ['UIDL', 'TOP', 'USER'] }));
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    box.push(...messages(1, 'later'));
    const { result } = await checkMailbox(
      fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }),
    );
    expect(result.newMessages.map((m) => m.uid)).toEqual(['later-1']);
    const received = server.connections.at(-1)!.received;
    expect(received.filter((l) => l === 'UIDL 4' || l === 'TOP 4 0')).toEqual(['UIDL 4', 'TOP 4 0']);
  });

  it('a server that drops pipelined commands after sign-in is noticed quickly and remembered', async () => {
    server = await startFakeServer(maildrop({ messages: messages(2), dropPipelined: true }));
    const started = Date.now();
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(first.result.count).toBe(2);
    expect(first.known.serverFacts?.pipelining).toBe(false);
    const second = await checkMailbox(fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }));
    expect(second.result.newCount).toBe(0);
    // One command per packet from now on.
    expect(server.connections.at(-1)!.chunks.every((chunk) => chunk.split('\r\n').length === 2)).toBe(true);
  });

  it('a server that is merely slow after sign-in keeps its pipelining', async () => {
    server = await startFakeServer(maildrop({ messages: messages(2), busyAfterSignInMs: 700 }));
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    expect(first.result.count).toBe(2);
    expect(first.known.serverFacts?.pipelining).toBe(true);
    expect(server.connections).toHaveLength(1);
  });

  it('a pipelined sign-in refused with [IN-USE] is IN_USE, though STAT and the rest were already sent', async () => {
    server = await startFakeServer(
      maildrop({
        messages: messages(1),
        capa: ['UIDL', 'TOP', 'USER', 'PIPELINING'],
        pass: '-ERR [IN-USE] Mailbox locked\r\n',
      }),
    );
    const error = await checkError(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    expect(error.code).toBe('IN_USE');
    const connection = server.connections[0]!;
    expect(connection.chunks[1]).toMatch(/^USER alice\r\nPASS \S+\r\nSTAT\r\nCAPA\r\n$/);
    expect(connection.received.at(-1)).toBe('QUIT');
  });
});
