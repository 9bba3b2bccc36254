/**
 * Threat: new-mail detection fooled by what POP3 allows: two messages sharing one UID, message
 * numbers shifting because another client deleted mail between checks, and servers with no
 * UIDL at all (header fingerprints stand in).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { type FakeMessage, maildrop, messages } from '../helpers/fake-maildrop';
import { type FakeServer, fakeRequest, startFakeServer } from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

describe('UID anomalies', () => {
  it('a second message with an already-known UID counts as new (UIDs are counted, not set)', async () => {
    const box: FakeMessage[] = [{ uid: 'same', subject: 'One' }];
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(fakeRequest(server.port));
    box.push({ uid: 'same', subject: 'Two' });
    const { result } = await checkMailbox(fakeRequest(server.port, 'plain', { known: first.known }));
    expect(result.newCount).toBe(1);
    expect(result.newMessages[0]?.number).toBe(2);
    expect(result.newMessages[0]?.subject).toBe('Two');
  });

  it('deletions by another client renumber the maildrop; only the truly new message is reported', async () => {
    const box = messages(5);
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(fakeRequest(server.port));
    box.splice(0, 2);
    box.push({ uid: 'arrived', subject: 'Arrived' });
    const { result, known } = await checkMailbox(
      fakeRequest(server.port, 'plain', { known: first.known, watch: ['uid-1', 'uid-4'] }),
    );
    expect(result.newCount).toBe(1);
    expect(result.newMessages.map((m) => [m.number, m.uid, m.subject])).toEqual([[4, 'arrived', 'Arrived']]);
    expect(result.gone).toEqual(['uid-1']);
    expect(known.uids).toEqual(['uid-3', 'uid-4', 'uid-5', 'arrived']);
  });

  it('deletions that keep the count equal are still caught (the last UID moved)', async () => {
    const box = messages(3);
    server = await startFakeServer(maildrop({ messages: box }));
    const first = await checkMailbox(fakeRequest(server.port));
    box.splice(0, 1);
    box.push({ uid: 'x', subject: 'X' });
    const { result } = await checkMailbox(fakeRequest(server.port, 'plain', { known: first.known }));
    expect(result.newMessages.map((m) => m.uid)).toEqual(['x']);
  });

  it('without UIDL, header fingerprints from the newest message find exactly the new ones', async () => {
    const box = messages(30);
    server = await startFakeServer(maildrop({ messages: box, noUidl: true }));
    const first = await checkMailbox(fakeRequest(server.port, 'plain', { firstCheck: 'baseline' }));
    expect(first.known.fingerprints).toBe(true);
    expect(first.known.serverFacts?.uidl).toBe(false);
    expect(first.known.uids.length).toBeLessThanOrEqual(20);
    box.push(...messages(2, 'new'));
    const { result } = await checkMailbox(fakeRequest(server.port, 'plain', { known: first.known }));
    expect(result.newCount).toBe(2);
    expect(result.newMessages.map((m) => m.subject)).toEqual(['Message 2', 'Message 1']);
    const received = server.connections.at(-1)!.received;
    expect(received).not.toContain('UIDL');
    // Scanning stopped at the first remembered message, not at the bottom of the maildrop.
    expect(received.filter((l) => l.startsWith('TOP')).length).toBeLessThan(box.length);
  });
});
