import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedSecureContexts, secureContextFor } from '../../../../src/host/pop3/secure-contexts';

const dir = mkdtempSync(join(tmpdir(), 'popbiff-contexts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TLS contexts for a CA file', () => {
  it('are built once per CA set and then reused', () => {
    const caFile = join(dir, 'ahead.pem');
    // A CA set no other test uses, so this context is new here.
    writeFileSync(caFile, `# ahead\n${rootCertificates[1]}\n`);
    const before = cachedSecureContexts();
    const context = secureContextFor(caFile);
    expect(cachedSecureContexts()).toBe(before + 1);
    expect(secureContextFor(caFile)).toBe(context);
    expect(cachedSecureContexts()).toBe(before + 1);
  });

  it('are never built from a CA file that cannot be used, which is reported', () => {
    const missing = join(dir, 'missing.pem');
    const before = cachedSecureContexts();
    expect(() => secureContextFor(missing)).toThrow(expect.objectContaining({ code: 'CA_FILE_INVALID' }));
    expect(cachedSecureContexts()).toBe(before);
  });
});
