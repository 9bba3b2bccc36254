/**
 * Issue 10, item 5: `caFile` names whatever the extension or a settings file says. Before the
 * fix the host read it with readFileSync: `/dev/zero` read until the process aborted, a FIFO
 * blocked it for good. Now only a regular file of at most 1 MiB of PEM certificates is read;
 * anything else is CA_FILE_INVALID, and the same host answers the next request.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CA_FILE_BYTES, readPemBlocks } from '../../src/host/pop3/ca-file';
import { secureContextFor } from '../../src/host/pop3/secure-contexts';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { HostProcess, ensureHostBundle } from './host-process';

const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`;
const server = { host: '127.0.0.1', port: 1, security: 'tls', allowPlaintext: false, username: 'ada' };
const pem = rootCertificates[0] ?? '';

let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(() => {
  ensureHostBundle();
  dir = mkdtempSync(join(tmpdir(), 'popbiff-ca-'));
  execFileSync('mkfifo', [path('fifo')]);
  mkdirSync(path('folder'));
  writeFileSync(path('huge.pem'), `${pem}\n${'#'.repeat(MAX_CA_FILE_BYTES)}`);
  writeFileSync(path('text.pem'), 'not a certificate\n');
  writeFileSync(path('broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  writeFileSync(path('good.pem'), `# my CA\n${pem}\n${pem}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CA file of an account', () => {
  it('the host refuses /dev/zero and a FIFO with CA_FILE_INVALID, at once, and keeps serving', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'popbiff-ca-host-'));
    const host = new HostProcess([ORIGIN], { ...process.env, POPBIFF_CONFIG_DIR: configDir });
    try {
      await host.request('s1', 'set-secret', {
        accountId: 'a1',
        server: { host: server.host, port: server.port, username: server.username },
        secret: 'pw',
      });
      for (const [id, caFile] of [
        ['c1', '/dev/zero'],
        ['c2', path('fifo')],
      ] as const) {
        const reply = await host.request(id, 'check', {
          accountId: 'a1',
          server: { ...server, caFile },
          watch: [],
          limit: 5,
        });
        expect(reply).toMatchObject({ ok: false, error: { code: 'CA_FILE_INVALID' } });
        expect(reply.error?.message).toContain('not a regular file');
      }
      expect(await host.request('h1', 'hello', {})).toMatchObject({ ok: true });
      expect(host.child.exitCode).toBeNull();
    } finally {
      host.child.kill();
      rmSync(configDir, { recursive: true, force: true });
    }
  });

  it('refuses a folder, a file over 1 MiB, text without certificates and a broken certificate', () => {
    const why = (name: string) => {
      try {
        secureContextFor(path(name));
        return 'read';
      } catch (error) {
        return error instanceof Error && 'code' in error ? `${String(error.code)}: ${error.message}` : 'untyped';
      }
    };
    expect(why('folder')).toMatch(/^CA_FILE_INVALID: .*not a regular file/);
    expect(why('huge.pem')).toMatch(/^CA_FILE_INVALID: .*larger than 1024 KiB/);
    expect(why('text.pem')).toMatch(/^CA_FILE_INVALID: .*no PEM certificate/);
    expect(why('broken.pem')).toMatch(/^CA_FILE_INVALID: .*cannot be read/);
    expect(why('missing.pem')).toMatch(/^CA_FILE_INVALID: .*cannot be opened/);
  });

  it('reads every certificate of a PEM bundle, comments between them allowed', () => {
    expect(readPemBlocks(path('good.pem'))).toHaveLength(2);
    expect(() => secureContextFor(path('good.pem'))).not.toThrow();
  });
});
