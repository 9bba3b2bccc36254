import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modeOf, useTempDir } from '../../../helpers/temp-dir';
import { FileSecretStore } from '../../../../src/host/secrets/file-secret-store';

const tempDir = useTempDir();

describe('FileSecretStore', () => {
  it('stores, reads and deletes secrets in a file only the user can read', async () => {
    const store = new FileSecretStore(tempDir());
    expect(await store.get('acc1')).toBeUndefined();
    await store.set('acc1', 'hunter2');
    await store.set('acc2', 'correct horse');
    expect(modeOf(join(tempDir(), 'secrets.json'))).toBe(0o600);
    expect(await new FileSecretStore(tempDir()).get('acc1')).toBe('hunter2');
    await store.delete('acc1');
    expect(await store.get('acc1')).toBeUndefined();
    expect(await store.get('acc2')).toBe('correct horse');
  });

  it('loses no update when many secrets are set at once, and leaves no temporary files', async () => {
    const store = new FileSecretStore(tempDir());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`acc${i}`, `secret-${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`acc${i}`)).toBe(`secret-${i}`);
    expect(readdirSync(tempDir())).toEqual(['secrets.json']);
  });

  it('does not treat inherited object keys as accounts', async () => {
    expect(await new FileSecretStore(tempDir()).get('__proto__')).toBeUndefined();
    await new FileSecretStore(tempDir()).set('a', 'b');
    expect(await new FileSecretStore(tempDir()).get('constructor')).toBeUndefined();
  });

  it('reports a damaged file without its content, and a new password replaces it', async () => {
    writeFileSync(join(tempDir(), 'secrets.json'), '{"secrets": {"a": "topsecret"');
    const store = new FileSecretStore(tempDir());
    const failure = await store.get('a').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(String((failure as Error).message)).not.toContain('topsecret');
    await store.set('a', 'fresh');
    expect(await store.get('a')).toBe('fresh');
  });
});
