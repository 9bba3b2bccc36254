/**
 * Threat: a maildrop (or a hostile server) so large that a check eats memory or time: a
 * 100,000-message UIDL must work within bounds, a 10 MB line must be refused, and the O(1)
 * no-new check must not list the maildrop at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { maildrop, messages } from '../helpers/fake-maildrop';
import {
  answer,
  checkError,
  type FakeServer,
  fakeRequest,
  HAPPY_REPLIES,
  startFakeServer,
  within,
} from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const DEADLINES = { connect: 2000, tls: 2000, command: 5000, check: 10_000 };

describe('huge listings', () => {
  it('a 100,000-message UIDL is diffed in bounded time and memory, fetching headers only for what is new', async () => {
    const box = messages(100_000);
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES, firstCheck: 'auto' }));
    expect(first.result.baseline).toBe(true);
    expect(first.result.newCount).toBe(0);
    expect(first.known.uids).toHaveLength(100_000);

    // Another client deleted message 10, and three arrived: only a full diff finds that out.
    box.splice(9, 1);
    box.push(...messages(3, 'fresh').map((m, i) => ({ ...m, size: 1001 + i })));
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const { result, known } = await checkMailbox(
      fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    expect(result.newCount).toBe(3);
    expect(result.newMessages.map((m) => m.uid)).toEqual(['fresh-3', 'fresh-2', 'fresh-1']);
    expect(known.uids).toHaveLength(100_002);
    // Message 100,001's headers came with the first look's peek (session-run.ts), under its UID.
    expect(result.newMessages.map((m) => [m.number, m.subject, m.size])).toEqual([
      [100_002, 'Message 3', 1003],
      [100_001, 'Message 2', 1002],
      [100_000, 'Message 1', 1001],
    ]);
    const received = server.connections.at(-1)!.received;
    // The diff then read only the other two: no message's headers twice.
    expect(received.filter((l) => l.startsWith('TOP'))).toEqual(['TOP 100001 0', 'TOP 100002 0', 'TOP 100000 0']);
  });

  it('no new mail in 100,000 messages: STAT and one UIDL n, never the full listing', async () => {
    const box = messages(100_000);
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(
      fakeRequest(server.port, 'plain', { deadlines: DEADLINES, firstCheck: 'baseline' }),
    );
    const { result } = await checkMailbox(
      fakeRequest(server.port, 'plain', { known: first.known, deadlines: DEADLINES }),
    );
    expect(result.newCount).toBe(0);
    const received = server.connections.at(-1)!.received;
    expect(received).toContain('UIDL 100000');
    expect(received).not.toContain('UIDL');
    // Only the peek at the message after the known count, which does not exist.
    expect(received.filter((l) => l.startsWith('TOP') || l.startsWith('LIST'))).toEqual([
      'LIST 100001',
      'TOP 100001 0',
    ]);
  });

  it('the hourly safety net lists everything even when count and last UID look unchanged', async () => {
    const box = messages(5);
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    const stale = { ...first.known, lastFullScanAt: Date.now() - 61 * 60 * 1000 };
    const second = await checkMailbox(fakeRequest(server.port, 'plain', { known: stale, deadlines: DEADLINES }));
    expect(server.connections.at(-1)!.received).toContain('UIDL');
    expect(second.known.lastFullScanAt).toBeGreaterThan(stale.lastFullScanAt);
  });

  it('a 10 MB line in the UIDL listing is LIMIT_EXCEEDED, with the socket closed', async () => {
    const line = `1 ${'u'.repeat(10 * 1024 * 1024)}\r\n`;
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, { ...HAPPY_REPLIES, UIDL: `+OK\r\n${line}.\r\n` });
    });
    const error = await checkError(fakeRequest(server.port, 'plain', { deadlines: DEADLINES }));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(await within(server.connections[0]!.closed, 2000)).toBe(true);
  });
});
