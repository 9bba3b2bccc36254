/**
 * Threat: response injection around STLS (RFC 2595 §4; the "STARTTLS injection" class of bugs).
 * An attacker appends clear-text lines to the server's "+OK" to STLS, hoping the client reads
 * them later as if they had come over TLS. The client must drop them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import {
  answer,
  type FakeServer,
  fakeRequest,
  HAPPY_REPLIES,
  startFakeServer,
  within,
} from '../helpers/fake-pop3-server';

let dir: string;
let key: string;
let cert: string;
let server: FakeServer | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-stls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
});
afterEach(async () => server?.close());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('STLS response injection', () => {
  it('drops clear-text lines sent along with the +OK to STLS', async () => {
    server = await startFakeServer(async (plain) => {
      plain.write('+OK ready\r\n');
      await plain.readLine(); // CAPA
      plain.write('+OK\r\nSTLS\r\n.\r\n');
      await plain.readLine(); // STLS
      // The injected CAPA reply rides in the same packet as the +OK.
      plain.write('+OK Begin TLS\r\n+OK\r\nINJECTED\r\n.\r\n');
      const secure = plain.startTls({ key, cert });
      await answer(secure, { ...HAPPY_REPLIES, CAPA: '+OK\r\nUIDL\r\nTOP\r\n.\r\n' });
    });
    const base = fakeRequest(server.port, 'starttls');
    const { result } = await checkMailbox({ ...base, server: { ...base.server, caFile: join(dir, 'cert.pem') } });
    expect(result.capabilities).toEqual(['UIDL', 'TOP']);
    expect(result.newMessages[0]?.subject).toBe('Hello');
    expect(await within(server.connections[0]!.closed, 2000)).toBe(true);
  });
});
