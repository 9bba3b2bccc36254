import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cachedSecureContexts,
  prepareSecureContext,
  secureContextFor,
} from '../../../../src/host/pop3/secure-contexts';

const dir = mkdtempSync(join(tmpdir(), 'popbiff-contexts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TLS contexts built ahead of a connection', () => {
  it('are the ones the connection then uses, built once', () => {
    const caFile = join(dir, 'ahead.pem');
    // A CA set no other test uses, so this context is new here.
    writeFileSync(caFile, `# ahead\n${rootCertificates[1]}\n`);
    const before = cachedSecureContexts();
    prepareSecureContext(caFile);
    expect(cachedSecureContexts()).toBe(before + 1);
    const context = secureContextFor(caFile);
    expect(cachedSecureContexts()).toBe(before + 1);
    expect(secureContextFor(caFile)).toBe(context);
  });

  it('leave a CA file that cannot be used to the connection, which reports it', () => {
    const missing = join(dir, 'missing.pem');
    const before = cachedSecureContexts();
    expect(() => prepareSecureContext(missing)).not.toThrow();
    expect(cachedSecureContexts()).toBe(before);
    expect(() => secureContextFor(missing)).toThrow(expect.objectContaining({ code: 'CA_FILE_INVALID' }));
  });
});
