/**
 * Threat: a password that is fine gets reported as wrong (and the user locked out by retries),
 * or a wrong one gets retried in a loop. RFC 2449 §8 / RFC 3206 response codes decide.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  answer,
  checkError,
  type FakeServer,
  FAKE_PASSWORD,
  fakeRequest,
  HAPPY_REPLIES,
  startFakeServer,
  within,
} from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

async function signInWith(replies: Record<string, string>) {
  server = await startFakeServer(async (c) => {
    c.write('+OK ready\r\n');
    await answer(c, { ...HAPPY_REPLIES, ...replies });
  });
  const error = await checkError(fakeRequest(server.port));
  const [connection] = server.connections;
  expect(await within(connection!.closed, 2000)).toBe(true);
  return { error, received: connection!.received };
}

describe('sign-in response codes', () => {
  it('-ERR [IN-USE] is IN_USE, and the session still ends with QUIT or a close', async () => {
    const { error, received } = await signInWith({ PASS: '-ERR [IN-USE] Mailbox locked by another session\r\n' });
    expect(error.code).toBe('IN_USE');
    expect(received).toContain('PASS fake-secret-4711');
    expect(received.some((l) => l.startsWith('STAT'))).toBe(false);
    expect(received.at(-1)).toBe('QUIT');
  });

  it('-ERR [AUTH] is AUTH_FAILED', async () => {
    const { error } = await signInWith({ PASS: '-ERR [AUTH] Authentication failed.\r\n' });
    expect(error.code).toBe('AUTH_FAILED');
  });

  it('-ERR [LOGIN-DELAY] is LOGIN_DELAY with a retry time from CAPA LOGIN-DELAY', async () => {
    const before = Date.now();
    const { error } = await signInWith({
      CAPA: '+OK\r\nUIDL\r\nRESP-CODES\r\nLOGIN-DELAY 900\r\n.\r\n',
      PASS: '-ERR [LOGIN-DELAY] Wait a while\r\n',
    });
    expect(error.code).toBe('LOGIN_DELAY');
    expect(error.retryAfter).toBeGreaterThanOrEqual(before + 900_000);
  });

  it('with AUTH-RESP-CODE, a -ERR without [AUTH] is not a password problem', async () => {
    const { error } = await signInWith({
      CAPA: '+OK\r\nUIDL\r\nAUTH-RESP-CODE\r\n.\r\n',
      PASS: '-ERR Something broke\r\n',
    });
    expect(error.code).toBe('SERVER_TEMPORARY');
  });

  it('an old server saying only "-ERR" to PASS means the password', async () => {
    const { error } = await signInWith({ CAPA: '-ERR what?\r\n', PASS: '-ERR\r\n' });
    expect(error.code).toBe('AUTH_FAILED');
  });

  it('a server that echoes the password never gets it into the error message', async () => {
    const { error } = await signInWith({ PASS: `-ERR [AUTH] bad password ${FAKE_PASSWORD}\r\n` });
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).not.toContain(FAKE_PASSWORD);
    expect(error.message).toContain('****');
  });

  it('-ERR [SYS/TEMP] is SERVER_TEMPORARY (retryable), [SYS/PERM] SERVER_PERMANENT (not)', async () => {
    expect((await signInWith({ PASS: '-ERR [SYS/TEMP] Storage unavailable\r\n' })).error.code).toBe('SERVER_TEMPORARY');
    await server?.close();
    expect((await signInWith({ PASS: '-ERR [SYS/PERM] Account disabled\r\n' })).error.code).toBe('SERVER_PERMANENT');
  });

  it('a wrong password without AUTH-RESP-CODE and without a code is AUTH_FAILED', async () => {
    const { error } = await signInWith({ CAPA: '+OK\r\nUIDL\r\n.\r\n', PASS: '-ERR Authentication failed\r\n' });
    expect(error.code).toBe('AUTH_FAILED');
  });

  it('a wrong password with AUTH-RESP-CODE says [AUTH] and is AUTH_FAILED', async () => {
    const { error } = await signInWith({
      CAPA: '+OK\r\nAUTH-RESP-CODE\r\n.\r\n',
      PASS: '-ERR [AUTH] Authentication failed\r\n',
    });
    expect(error.code).toBe('AUTH_FAILED');
  });

  it('servers without codes: words about locks and waiting are not taken for a wrong password', async () => {
    expect(
      (await signInWith({ CAPA: '-ERR\r\n', PASS: '-ERR Mailbox is locked by another POP3 session\r\n' })).error.code,
    ).toBe('IN_USE');
    await server?.close();
    expect((await signInWith({ CAPA: '-ERR\r\n', PASS: '-ERR Login too soon, wait 15 minutes\r\n' })).error.code).toBe(
      'LOGIN_DELAY',
    );
    await server?.close();
    expect(
      (await signInWith({ CAPA: '-ERR\r\n', PASS: '-ERR Temporary failure, try again later\r\n' })).error.code,
    ).toBe('SERVER_TEMPORARY');
  });

  it('LOGIN-DELAY from CAPA after sign-in is reported in every result', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, { ...HAPPY_REPLIES, CAPA: '+OK\r\nUIDL\r\nTOP\r\nLOGIN-DELAY 300\r\n.\r\n' });
    });
    const { checkMailbox } = await import('../../src/host/mailbox/check/check-mailbox');
    const { result } = await checkMailbox(fakeRequest(server.port));
    expect(result.loginDelaySeconds).toBe(300);
  });
});
