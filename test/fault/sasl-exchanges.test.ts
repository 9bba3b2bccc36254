/**
 * Threat: a SASL exchange that hangs, leaks the secret or misreads a failure. Covers RFC 5034
 * continuation lines, LOGIN's two rounds, CRAM-MD5's challenge, and the OAuth error challenge
 * (Gmail's XOAUTH2 JSON "+ eyJ...", answered with an empty line; OAUTHBEARER with %x01).
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import type { AuthMethod } from '../../src/shared/server';
import { maildrop, messages } from '../helpers/fake-maildrop';
import {
  checkError,
  FAKE_PASSWORD,
  type FakeConnection,
  type FakeServer,
  fakeRequest,
  startFakeServer,
} from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const CAPA = ['TOP', 'UIDL', 'USER', 'SASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER'];
const b64 = (s: string) => Buffer.from(s).toString('base64');
const unb64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');

function request(port: number, auth: AuthMethod, password = FAKE_PASSWORD) {
  const base = fakeRequest(port, 'plain', { password });
  return { ...base, server: { ...base.server, auth } };
}

async function serve(auth: (line: string, c: FakeConnection) => Promise<boolean>): Promise<void> {
  server = await startFakeServer(maildrop({ messages: messages(1), capa: CAPA, auth }));
}

describe('SASL exchanges', () => {
  it('LOGIN: user name and password each answer a challenge, masked in the transcript', async () => {
    await serve(async (line, c) => {
      c.write(`+ ${b64('Username:')}\r\n`);
      const user = unb64(await c.readLine());
      c.write(`+ ${b64('Password:')}\r\n`);
      const pass = unb64(await c.readLine());
      return line === 'AUTH LOGIN' && user === 'alice' && pass === FAKE_PASSWORD;
    });
    const lines: string[] = [];
    const { result } = await checkMailbox({ ...request(server!.port, 'login'), onTranscript: (l) => lines.push(l) });
    expect(result.count).toBe(1);
    expect(lines.filter((l) => l === 'C: ****')).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(b64(FAKE_PASSWORD));
    expect(lines.join('\n')).not.toContain(FAKE_PASSWORD);
  });

  it('CRAM-MD5: the HMAC of the challenge, never the password', async () => {
    const challenge = '<4711.1234@fake>';
    await serve(async (_line, c) => {
      c.write(`+ ${b64(challenge)}\r\n`);
      const answer = unb64(await c.readLine());
      return answer === `alice ${createHmac('md5', FAKE_PASSWORD).update(challenge).digest('hex')}`;
    });
    const { result } = await checkMailbox(request(server!.port, 'cram-md5'));
    expect(result.count).toBe(1);
    expect(server!.connections[0]!.received.join('\n')).not.toContain(FAKE_PASSWORD);
  });

  it('an initial response that would make AUTH longer than 255 octets goes on a continuation line', async () => {
    const token = 't'.repeat(400);
    await serve(async (line, c) => {
      if (line !== 'AUTH XOAUTH2') return false;
      c.write('+ \r\n');
      return unb64(await c.readLine()) === `user=alice\x01auth=Bearer ${token}\x01\x01`;
    });
    const { result } = await checkMailbox(request(server!.port, 'xoauth2', token));
    expect(result.count).toBe(1);
  });

  it("XOAUTH2: Gmail's JSON error challenge is answered with an empty line, then AUTH_FAILED", async () => {
    let ack: string | undefined;
    await serve(async (line, c) => {
      expect(line.startsWith('AUTH XOAUTH2 ')).toBe(true);
      c.write(`+ ${b64('{"status":"401","schemes":"Bearer","scope":"https://mail.google.com/"}')}\r\n`);
      ack = await c.readLine();
      c.write('-ERR [AUTH] Invalid credentials\r\n');
      return false;
    });
    const error = await checkError(request(server!.port, 'xoauth2', 'expired-token'));
    expect(error.code).toBe('AUTH_FAILED');
    expect(ack).toBe('');
    expect(error.message).not.toContain('expired-token');
  });

  it('OAUTHBEARER: the error challenge is answered with %x01 (RFC 7628 §3.2.3)', async () => {
    let ack: string | undefined;
    await serve(async (_line, c) => {
      c.write(`+ ${b64('{"status":"invalid_token"}')}\r\n`);
      ack = await c.readLine();
      c.write('-ERR [AUTH] Authentication failed\r\n');
      return false;
    });
    const error = await checkError(request(server!.port, 'oauthbearer', 'expired-token'));
    expect(error.code).toBe('AUTH_FAILED');
    expect(ack).toBe('AQ==');
  });

  it('a server that keeps challenging is a PROTOCOL_ERROR, not a hang', async () => {
    await serve(async (_line, c) => {
      for (let i = 0; i < 20 && !c.socket.destroyed; i++) {
        c.write('+ \r\n');
        if ((await c.readLine()) === undefined) break;
      }
      return false;
    });
    const error = await checkError(request(server!.port, 'plain'));
    expect(error.code).toBe('PROTOCOL_ERROR');
  });
});
