/**
 * Threat: an old server that hangs up on CAPA (or refuses it) leaves the user without a check.
 * The client must reconnect once without CAPA, sign in with plain RFC 1939, and remember it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { maildrop, messages } from '../helpers/fake-maildrop';
import { type FakeServer, fakeRequest, startFakeServer, within } from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

describe('servers without CAPA', () => {
  it('a server that hangs up on CAPA gets a second connection without it, and the check succeeds', async () => {
    server = await startFakeServer(maildrop({ messages: messages(2), capa: 'hang-up' }));
    const { result, known } = await checkMailbox(fakeRequest(server.port));
    expect(result.count).toBe(2);
    expect(result.newCount).toBe(2);
    expect(server.connections).toHaveLength(2);
    expect(server.connections[1]?.received).not.toContain('CAPA');
    expect(known.serverFacts).toMatchObject({ capa: false, pipelining: false, uidl: true });
    expect(await within(server.connections[1]!.closed, 2000)).toBe(true);
  });

  it('the next check remembers: one connection, no CAPA at all', async () => {
    server = await startFakeServer(maildrop({ messages: messages(2), capa: 'hang-up' }));
    const first = await checkMailbox(fakeRequest(server.port));
    const connectionsBefore = server.connections.length;
    const second = await checkMailbox(fakeRequest(server.port, 'plain', { known: first.known }));
    expect(second.result.newCount).toBe(0);
    expect(server.connections.length - connectionsBefore).toBe(1);
    expect(server.connections.at(-1)?.received).not.toContain('CAPA');
  });

  it('a server that answers CAPA with -ERR is used as plain RFC 1939, on the same connection', async () => {
    server = await startFakeServer(maildrop({ messages: messages(1), capa: 'refuse' }));
    const { result, known } = await checkMailbox(fakeRequest(server.port));
    expect(result.capabilities).toEqual([]);
    expect(result.newMessages[0]?.subject).toBe('Message 1');
    expect(server.connections).toHaveLength(1);
    expect(server.connections[0]?.received.filter((l) => l === 'CAPA')).toHaveLength(1);
    expect(known.serverFacts?.capa).toBe(false);
  });
});
