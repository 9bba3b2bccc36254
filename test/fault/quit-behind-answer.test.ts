/**
 * A check that only looked answers once it knows what it found, with QUIT already sent: the
 * goodbye's reply says nothing a peek needs, so waiting for it cost every quiet check a round
 * trip. The server may hold the maildrop lock until it has answered QUIT (RFC 1939 §8), so a new
 * session to the same mailbox waits for that answer, or it could be refused as in use.
 */
import { afterEach, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { eventually } from '../helpers/eventually';
import { maildrop, messages } from '../helpers/fake-maildrop';
import { type FakeServer, fakeRequest, startFakeServer, within } from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

/** A goodbye the test lets through when it chooses. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A check of `kind` against a server that holds its QUIT reply until the test lets it go. */
async function answersBeforeQuit(kind: 'nothing new' | 'new mail'): Promise<void> {
  const box = messages(2);
  const goodbye = gate();
  server = await startFakeServer(maildrop({ messages: box, quitAfter: goodbye.opened }));
  const slowQuit = { deadlines: { connect: 2000, tls: 2000, command: 2000, check: 3000 } };
  goodbye.open();
  const first = await checkMailbox(fakeRequest(server.port, 'plain', slowQuit));
  await server.connections[0]?.closed;

  const held = gate();
  server = await restart(server, box, held.opened);
  if (kind === 'new mail') box.push({ uid: 'uid-new', subject: 'Arrived' });
  const check = checkMailbox(fakeRequest(server.port, 'plain', { ...slowQuit, known: first.known }));
  expect(await within(check, 1000)).toBe(true);
  const { result } = await check;
  expect(result.newCount).toBe(kind === 'new mail' ? 1 : 0);
  const connection = server.connections[0];
  // Sent with the last commands, though the server may read it just after the answer.
  await eventually(
    async () => connection?.received.at(-1),
    (last) => last === 'QUIT',
    'the last command',
    1000,
  );
  expect(await within(connection?.closed ?? Promise.resolve(), 100)).toBe(false);
  held.open();
  expect(await within(connection?.closed ?? Promise.resolve(), 1000)).toBe(true);
}

it('a check that found nothing new answers before the QUIT reply, and the QUIT has gone out', () =>
  answersBeforeQuit('nothing new'));

it('a check that found new mail answers before the QUIT reply, and the QUIT has gone out', () =>
  answersBeforeQuit('new mail'));

it('the next session to the same mailbox waits for the QUIT reply before it connects', async () => {
  const box = messages(2);
  const opened = gate();
  opened.open();
  server = await startFakeServer(maildrop({ messages: box, quitAfter: opened.opened }));
  const deadlines = { deadlines: { connect: 2000, tls: 2000, command: 2000, check: 3000 } };
  const first = await checkMailbox(fakeRequest(server.port, 'plain', deadlines));
  await server.connections[0]?.closed;

  const held = gate();
  server = await restart(server, box, held.opened);
  const request = fakeRequest(server.port, 'plain', { ...deadlines, known: first.known });
  await checkMailbox(request);
  const next = checkMailbox(request);
  expect(await within(next, 200)).toBe(false);
  expect(server.connections).toHaveLength(1);
  held.open();
  expect((await next).result.count).toBe(2);
  expect(server.connections).toHaveLength(2);
});

/** The same maildrop on a new server whose QUIT replies wait for `quitAfter`. */
async function restart(old: FakeServer, box: ReturnType<typeof messages>, quitAfter: Promise<void>) {
  await old.close();
  return startFakeServer(maildrop({ messages: box, quitAfter }));
}
