import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../../src/host/secrets/file-secret-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-disk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('FileSecretStore', () => {
  it('stores, reads and deletes secrets in a file only the user can read', async () => {
    const store = new FileSecretStore(dir);
    expect(await store.get('acc1')).toBeUndefined();
    await store.set('acc1', 'hunter2');
    await store.set('acc2', 'correct horse');
    expect(modeOf(join(dir, 'secrets.json'))).toBe(0o600);
    expect(await new FileSecretStore(dir).get('acc1')).toBe('hunter2');
    await store.delete('acc1');
    expect(await store.get('acc1')).toBeUndefined();
    expect(await store.get('acc2')).toBe('correct horse');
  });

  it('loses no update when many secrets are set at once, and leaves no temporary files', async () => {
    const store = new FileSecretStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`acc${i}`, `secret-${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`acc${i}`)).toBe(`secret-${i}`);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('does not treat inherited object keys as accounts', async () => {
    expect(await new FileSecretStore(dir).get('__proto__')).toBeUndefined();
    await new FileSecretStore(dir).set('a', 'b');
    expect(await new FileSecretStore(dir).get('constructor')).toBeUndefined();
  });

  it('reports a damaged file without its content, and a new password replaces it', async () => {
    writeFileSync(join(dir, 'secrets.json'), '{"secrets": {"a": "topsecret"');
    const store = new FileSecretStore(dir);
    const failure = await store.get('a').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(String((failure as Error).message)).not.toContain('topsecret');
    await store.set('a', 'fresh');
    expect(await store.get('a')).toBe('fresh');
  });
});
