/**
 * TLS contexts against a real Dovecot: an account with its own CA file must not build a new
 * context (all root certificates plus the file) for every connection; that cost 30 ms a check
 * and leaked native memory until a rare full GC. One context per distinct CA set, reused.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DovecotServer, startDovecot } from '../../scripts/lib/dovecot';
import type { CheckRequest } from '../../src/host/mailbox/check/check-request';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { MAX_SECURE_CONTEXTS } from '../../src/host/pop3/limits';
import { cachedSecureContexts, secureContextFor } from '../../src/host/pop3/secure-contexts';
import type { Security } from '../../src/shared/server';
import { PopbiffError } from '../../src/shared/errors';

const PASSWORD = 'context password';
const DEADLINES = { connect: 5000, tls: 5000, command: 5000, check: 15000 };

let dir: string;
let dovecot: DovecotServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'popbiff-tls-contexts-'));
  dovecot = await startDovecot({ dir, users: [{ user: 'carol', password: PASSWORD }] });
});

afterAll(async () => {
  await dovecot?.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function request(security: Security, caFile = dovecot.caFile): CheckRequest {
  return {
    server: { ...dovecot.serverSettings('carol', security), caFile },
    password: PASSWORD,
    watch: [],
    limit: 5,
    firstCheck: 'auto',
    deadlines: DEADLINES,
  };
}

describe('TLS contexts for accounts with a CA file', () => {
  it('builds one context for many pop3s and STARTTLS checks, not one per connection', async () => {
    const built = vi.spyOn(tls, 'createSecureContext');
    for (let i = 0; i < 6; i++) {
      const { result } = await checkMailbox(request(i % 2 === 0 ? 'tls' : 'starttls'));
      expect(result.count).toBe(0);
    }
    // Node's tls.connect builds a context through the same function whenever it is given none.
    expect(built.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('shares the context between copies of one CA file and gives another CA set its own', async () => {
    const copy = join(dir, 'copy-of-ca.pem');
    await copyFile(dovecot.caFile, copy);
    expect(secureContextFor(copy)).toBe(secureContextFor(dovecot.caFile));
    const other = join(dir, 'other-ca.pem');
    // Only the certificates count (text around them is not read): another set has another certificate.
    await writeFile(other, `${await readFile(dovecot.caFile, 'utf8')}\n${tls.rootCertificates[0]}\n`);
    expect(secureContextFor(other)).not.toBe(secureContextFor(dovecot.caFile));
    expect(secureContextFor(undefined)).not.toBe(secureContextFor(dovecot.caFile));
  });

  it('reads the CA file again at each check, so a replaced file takes effect at once', async () => {
    const file = join(dir, 'replaced-ca.pem');
    await copyFile(dovecot.caFile, file);
    await expect(checkMailbox(request('tls', file))).resolves.toBeDefined();
    // The system's own roots alone do not trust the test CA: the check must now refuse.
    await writeFile(file, tls.rootCertificates[0] ?? '');
    const failure = await checkMailbox(request('tls', file)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PopbiffError);
    expect((failure as PopbiffError).code).toBe('CERT_UNTRUSTED');
  });

  it('keeps at most a fixed number of contexts, however many CA sets pass through', async () => {
    const pem = await readFile(dovecot.caFile, 'utf8');
    for (let i = 0; i < MAX_SECURE_CONTEXTS + 8; i++) {
      const file = join(dir, `ca-${i}.pem`);
      // One more system root each time makes each set distinct.
      await writeFile(file, `${pem}\n${tls.rootCertificates[i]}\n`);
      secureContextFor(file);
    }
    expect(cachedSecureContexts()).toBe(MAX_SECURE_CONTEXTS);
  });

  it('says so when the CA file cannot be read', () => {
    expect(() => secureContextFor(join(dir, 'missing.pem'))).toThrow(
      expect.objectContaining({ code: 'CA_FILE_INVALID', message: expect.stringMatching(/cannot be opened/) }),
    );
  });
});
