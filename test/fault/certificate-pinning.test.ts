/**
 * Threat: a certificate the system does not trust. The check must stop before sending anything,
 * and the error must describe the certificate (fingerprint, subject, validity) so the user can
 * choose to trust it; a pinned fingerprint then accepts exactly that certificate, no other.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { maildrop, messages } from '../helpers/fake-maildrop';
import { checkError, type FakeServer, fakeRequest, startFakeServer } from '../helpers/fake-pop3-server';

let dir: string;
let key: string;
let cert: string;
let fingerprint: string;
let server: FakeServer | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-pin-'));
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
      '/CN=pinned.test',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  fingerprint = new X509Certificate(cert).fingerprint256;
});
afterEach(async () => server?.close());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startTlsServer(): Promise<FakeServer> {
  const script = maildrop({ messages: messages(1) });
  return startFakeServer(async (plain) => script(plain.startTls({ key, cert })));
}

function pinned(port: number, pin: string | undefined) {
  const base = fakeRequest(port, 'tls');
  return { ...base, server: { ...base.server, pinnedCertSha256: pin } };
}

describe('certificates', () => {
  it('an untrusted certificate is CERT_UNTRUSTED with its fingerprint, subject and validity, before any command', async () => {
    server = await startTlsServer();
    const error = await checkError(pinned(server.port, undefined));
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.certificate?.sha256).toBe(fingerprint);
    expect(error.certificate?.subject).toContain('CN=pinned.test');
    expect(error.certificate?.validTo).not.toBe('');
    expect(error.toInfo().certificate?.sha256).toBe(fingerprint);
    expect(server.connections[0]?.received).toEqual([]);
  });

  it('the pinned certificate is accepted even though no CA vouches for it (lower case, no colons too)', async () => {
    server = await startTlsServer();
    const { result } = await checkMailbox(pinned(server.port, fingerprint.replace(/:/g, '').toLowerCase()));
    expect(result.count).toBe(1);
  });

  it('any other certificate than the pinned one is refused', async () => {
    server = await startTlsServer();
    const other = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
    const error = await checkError(pinned(server.port, other));
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.certificate?.sha256).toBe(fingerprint);
    expect(server.connections[0]?.received).toEqual([]);
  });
});
