/**
 * An account's CA file adds to the roots the host trusts; it never replaces them. A self-hosted
 * server may move to a public CA while the account still names its old CA file. The child host
 * starts with OpenSSL's store (--use-openssl-ca) holding one test CA as "the system's roots", so
 * the test can sign a chain only those roots trust.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCertificates } from '../../scripts/lib/dovecot';

const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
const PROBE = new URL('../helpers/ca-trust-probe.ts', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'popbiff-ca-roots-'));
const servers: tls.Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A CA and a TLS server on 127.0.0.1 whose certificate that CA signed. */
async function signedServer(name: string): Promise<{ caFile: string; port: number }> {
  const caFile = await makeCertificates(join(dir, name));
  const server = tls.createServer(
    {
      key: readFileSync(join(dir, name, 'tls', 'server.key')),
      cert: readFileSync(join(dir, name, 'tls', 'server.pem')),
    },
    (socket) => socket.end(),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { caFile, port: (server.address() as AddressInfo).port };
}

let system: { caFile: string; port: number };
let own: { caFile: string; port: number };
let stranger: { caFile: string; port: number };
beforeAll(async () => {
  [system, own, stranger] = await Promise.all([signedServer('system'), signedServer('own'), signedServer('stranger')]);
}, 60_000);

it('trusts the roots and the CA file, and nothing else', { timeout: 60_000 }, async () => {
  const { stdout } = await promisify(execFile)(
    TSX,
    [PROBE, own.caFile, String(system.port), String(own.port), String(stranger.port)],
    {
      env: {
        ...process.env,
        NODE_OPTIONS: '--use-openssl-ca',
        SSL_CERT_FILE: system.caFile,
        SSL_CERT_DIR: join(dir, 'none'),
      },
    },
  );
  expect(JSON.parse(stdout)).toEqual([true, true, false]);
});
