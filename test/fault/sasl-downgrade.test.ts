/**
 * Threat: a man in the middle of an account that allows clear text removes what protects the
 * password — the APOP timestamp from the greeting, `SASL CRAM-MD5` from CAPA — so that `auto`
 * falls back to USER/PASS and sends the password itself. Once a server has offered a method
 * that never reveals the password, a session offering less is refused before any secret leaves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import type { KnownMailbox } from '../../src/host/mailbox/check/known-mailbox';
import {
  answer,
  checkError,
  FAKE_PASSWORD,
  type FakeServer,
  fakeRequest,
  HAPPY_REPLIES,
  startFakeServer,
} from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const REPLIES = { ...HAPPY_REPLIES, APOP: '+OK signed in\r\n' };
const sentSecret = (lines: readonly string[]) =>
  lines.some((line) => /^(USER|PASS|AUTH PLAIN|AUTH LOGIN)\b/i.test(line) || line.includes(FAKE_PASSWORD));

describe('sign-in downgrades over clear text', () => {
  it('a greeting stripped of its APOP timestamp after APOP was offered is AUTH_DOWNGRADE, and no password is sent', async () => {
    let stripped = false;
    server = await startFakeServer(async (c) => {
      c.write(stripped ? '+OK ready\r\n' : '+OK ready <1896.697170952@fake.example>\r\n');
      await answer(c, REPLIES);
    });
    const first = await checkMailbox(fakeRequest(server.port));
    expect(server.connections[0]?.received.some((line) => line.startsWith('APOP alice '))).toBe(true);
    expect(first.known.serverFacts?.protectedMethod).toBe('apop');

    stripped = true;
    const error = await checkError(fakeRequest(server.port, 'plain', { known: first.known }));
    expect(error.code).toBe('AUTH_DOWNGRADE');
    expect(error.message).toContain('APOP');
    expect(sentSecret(server.connections[1]?.received ?? [])).toBe(false);
  });

  it('CAPA without the CRAM-MD5 that was offered before is AUTH_DOWNGRADE, and no password is sent', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, REPLIES);
    });
    const known: KnownMailbox = {
      uids: [],
      serverFacts: { capa: true, pipelining: false, uidl: true, protectedMethod: 'cram-md5' },
    };
    const error = await checkError(fakeRequest(server.port, 'plain', { known }));
    expect(error.code).toBe('AUTH_DOWNGRADE');
    expect(error.message).toContain('CRAM-MD5');
    expect(sentSecret(server.connections[0]?.received ?? [])).toBe(false);
  });

  it('over clear text without any protected method ever offered, USER/PASS stays allowed', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, REPLIES);
    });
    const { result, known } = await checkMailbox(fakeRequest(server.port));
    expect(result.count).toBe(1);
    expect(known.serverFacts?.protectedMethod).toBeUndefined();
  });

  it('a method the user chose is not second-guessed: explicit USER/PASS still signs in', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, REPLIES);
    });
    const base = fakeRequest(server.port);
    const known: KnownMailbox = {
      uids: [],
      serverFacts: { capa: true, pipelining: false, uidl: true, protectedMethod: 'apop' },
    };
    const { result } = await checkMailbox({ ...base, known, server: { ...base.server, auth: 'user' } });
    expect(result.count).toBe(1);
  });
});
