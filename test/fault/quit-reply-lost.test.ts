/**
 * Threat: a deletion reported wrongly. When the reply to the QUIT that commits a deletion is lost
 * (the connection drops after QUIT went out), the server may or may not have removed the
 * messages (RFC 1939 §6). The reply must say "not yet confirmed", never "deleted" or "still
 * there", and the next check, which watches those UIDs, must tell which it was.
 */
import { afterEach, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { deleteMessages } from '../../src/host/mailbox/delete-messages';
import { maildrop, messages } from '../helpers/fake-maildrop';
import { type FakeServer, fakeRequest, startFakeServer } from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

function deleteRequest(port: number, uids: string[]) {
  const { server: settings, password, deadlines } = fakeRequest(port);
  return { server: settings, password, deadlines, uids };
}

for (const quitLost of ['committed', 'not-committed'] as const) {
  it(`a QUIT reply lost after DELE (server ${quitLost}) is "unconfirmed"; the next check says whether it is gone`, async () => {
    const box = messages(3);
    server = await startFakeServer(maildrop({ messages: box, quitLost }));
    const first = await checkMailbox(fakeRequest(server.port));
    const result = await deleteMessages(deleteRequest(server.port, ['uid-2', 'long-gone']));
    expect(result).toEqual({ deleted: [], unconfirmed: ['uid-2'], missing: ['long-gone'], ambiguous: [] });
    expect(server.connections.at(-1)?.received).toContain('QUIT');

    const next = await checkMailbox(fakeRequest(server.port, 'plain', { known: first.known, watch: ['uid-2'] }));
    expect(next.result.gone).toEqual(quitLost === 'committed' ? ['uid-2'] : []);
    expect(box.map((m) => m.uid)).toEqual(quitLost === 'committed' ? ['uid-1', 'uid-3'] : ['uid-1', 'uid-2', 'uid-3']);
  });
}

it('a QUIT answered -ERR (some deleted messages not removed, RFC 1939 §6) is unconfirmed too', async () => {
  const box = messages(3);
  server = await startFakeServer(maildrop({ messages: box, quit: '-ERR [SYS/TEMP] could not remove\r\n' }));
  const result = await deleteMessages(deleteRequest(server.port, ['uid-1']));
  expect(result).toEqual({ deleted: [], unconfirmed: ['uid-1'], missing: [], ambiguous: [] });
  expect(box).toHaveLength(3);
});
