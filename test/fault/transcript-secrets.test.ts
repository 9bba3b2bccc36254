/**
 * Threat: the diagnostics transcript leaking the password, in clear or in the SASL encodings
 * that carry it, or a server echoing it back. test-account must also never change the mailbox.
 */
import { afterEach, expect, it } from 'vitest';
import { testAccount } from '../../src/host/mailbox/test-account';
import { maildrop, messages, PIPELINING_CAPA } from '../helpers/fake-maildrop';
import { FAKE_PASSWORD, type FakeServer, fakeRequest, startFakeServer } from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const b64 = (text: string) => Buffer.from(text).toString('base64');
const FORMS = [FAKE_PASSWORD, b64(FAKE_PASSWORD), b64(`\0alice\0${FAKE_PASSWORD}`)];

function expectNoSecret(lines: string[]): void {
  const all = lines.join('\n');
  for (const form of FORMS) expect(all).not.toContain(form);
}

it('masks the AUTH PLAIN response and reports the chosen method, capabilities and round trips', async () => {
  const box = messages(2);
  server = await startFakeServer(maildrop({ messages: box }));
  const { server: settings, password, deadlines } = fakeRequest(server.port);
  const result = await testAccount({ server: settings, password, deadlines });
  expect(result.ok).toBe(true);
  expect(result.transcript).toContain('C: AUTH PLAIN ****');
  expectNoSecret(result.transcript);
  expect(result.report).toMatchObject({
    authMethod: 'plain',
    uidl: true,
    top: true,
    pipelining: true,
    count: 2,
    capabilities: PIPELINING_CAPA,
  });
  expect(result.report.roundTrips).toBeGreaterThanOrEqual(3);
  expect(result.report.timings.map((t) => t.phase)).toEqual([
    'connect',
    'greeting',
    'capabilities',
    'sign-in and STAT',
    'look and QUIT',
  ]);
  expect(box).toHaveLength(2);
  expect(server.connections[0]?.received.some((l) => /^(DELE|RETR)\b/.test(l))).toBe(false);
});

it('masks PASS and a server that echoes the password, and still answers when sign-in fails', async () => {
  const echo = `-ERR [AUTH] wrong password ${FAKE_PASSWORD} for alice\r\n`;
  server = await startFakeServer(maildrop({ messages: [], capa: ['USER', 'UIDL', 'TOP'], pass: echo }));
  const { server: settings, password, deadlines } = fakeRequest(server.port);
  const result = await testAccount({ server: settings, password, deadlines });
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('AUTH_FAILED');
  expect(result.transcript).toContain('C: PASS ****');
  expectNoSecret([...result.transcript, result.error?.message ?? '']);
  expect(result.report.authMethod).toBe('user');
  expect(result.report.count).toBeUndefined();
});

it('probes UIDL and TOP (read-only) when the server has no CAPA', async () => {
  server = await startFakeServer(maildrop({ messages: messages(1), capa: 'refuse', noUidl: true }));
  const { server: settings, password, deadlines } = fakeRequest(server.port);
  const result = await testAccount({ server: settings, password, deadlines });
  expect(result.ok).toBe(true);
  expect(result.report).toMatchObject({ capabilities: [], uidl: false, top: true, count: 1 });
});

it('caps the transcript at 300 lines of at most 300 characters', async () => {
  const long = 'x'.repeat(1000);
  server = await startFakeServer(
    maildrop({
      messages: messages(1),
      greeting: `+OK ${long}`,
      capa: Array.from({ length: 90 }, (_, i) => `X-CAP-${i}`),
    }),
  );
  const { server: settings, password, deadlines } = fakeRequest(server.port);
  const result = await testAccount({ server: settings, password, deadlines });
  expect(result.transcript.length).toBeLessThanOrEqual(300);
  expect(Math.max(...result.transcript.map((l) => l.length))).toBeLessThanOrEqual(300);
});
