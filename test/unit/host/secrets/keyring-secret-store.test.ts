import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyringWorks, openSecretStore } from '../../../../src/host/secrets/choose-store';
import { KeyringSecretStore } from '../../../../src/host/secrets/keyring-secret-store';
import { PopbiffError } from '../../../../src/shared/errors';
import { fakeKeyring } from '../../../helpers/fake-keyring';

describe('KeyringSecretStore', () => {
  it('stores a short secret in one entry named after the account', async () => {
    const keyring = fakeKeyring();
    const store = new KeyringSecretStore(() => keyring.factory, 2560);
    await store.set('acc1', 'hunter2');
    expect([...keyring.entries]).toEqual([['acc1', 'hunter2']]);
    expect(await store.get('acc1')).toBe('hunter2');
    expect(await store.get('other')).toBeUndefined();
  });

  it('writes the parts of a long secret before the header that announces them', async () => {
    const keyring = fakeKeyring();
    const store = new KeyringSecretStore(() => keyring.factory, 8);
    await store.set('acc1', 'abcdefghij');
    expect(keyring.writes).toEqual(['acc1#1', 'acc1#2', 'acc1#3', 'acc1']);
    expect(await store.get('acc1')).toBe('abcdefghij');
  });

  it('leaves no stale parts behind when a long secret is replaced or deleted', async () => {
    const keyring = fakeKeyring();
    const store = new KeyringSecretStore(() => keyring.factory, 8);
    await store.set('acc1', 'abcdefghij');
    await store.set('acc1', 'ab');
    expect([...keyring.entries.keys()]).toEqual(['acc1']);
    await store.set('acc1', 'abcdefghij');
    await store.delete('acc1');
    expect(keyring.entries.size).toBe(0);
  });

  it('stores a secret that looks like a part header in parts, so it reads back as itself', async () => {
    const keyring = fakeKeyring();
    const store = new KeyringSecretStore(() => keyring.factory, 2560);
    await store.set('acc1', 'popbiff-parts:2');
    expect(keyring.entries.get('acc1')).toBe('popbiff-parts:1');
    expect(await store.get('acc1')).toBe('popbiff-parts:2');
  });

  it('never interleaves the parts of two overlapping writes', async () => {
    const keyring = fakeKeyring({ slow: true });
    const store = new KeyringSecretStore(() => keyring.factory, 8);
    await Promise.all([store.set('acc1', 'abcdefghijklmnop'), store.set('acc1', 'ABCDEFGHIJ')]);
    expect(await store.get('acc1')).toBe('ABCDEFGHIJ');
    expect([...keyring.entries.keys()].sort()).toEqual(['acc1', 'acc1#1', 'acc1#2', 'acc1#3']);
  });

  it('reports a missing part instead of returning a truncated secret', async () => {
    const keyring = fakeKeyring();
    const store = new KeyringSecretStore(() => keyring.factory, 8);
    await store.set('acc1', 'abcdefghij');
    keyring.entries.delete('acc1#2');
    await expect(store.get('acc1')).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });

  it("turns keyring failures into STORAGE_FAILED without the keyring's own text", async () => {
    const store = new KeyringSecretStore(
      () => fakeKeyring({ failWith: new Error('detail naming hunter2') }).factory,
      2560,
    );
    const error = await store.set('acc1', 'hunter2').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PopbiffError);
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});

describe('choosing the secret store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'popbiff-choose-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the keyring when a probe round trip works, and remembers the choice', async () => {
    const keyring = fakeKeyring();
    expect((await openSecretStore(dir, { env: {}, keyring: () => keyring.factory })).kind).toBe('keyring');
    expect(keyring.entries.size).toBe(0); // the probe cleans up after itself
    expect(JSON.parse(readFileSync(join(dir, 'secret-store.json'), 'utf8'))).toEqual({ kind: 'keyring' });
    const broken = fakeKeyring({ failWith: new Error('gone') });
    expect((await openSecretStore(dir, { env: {}, keyring: () => broken.factory })).kind).toBe('keyring');
  });

  it('falls back to the file when the keyring fails or the module is missing', async () => {
    const broken = fakeKeyring({ failWith: new Error('no bus') });
    expect((await openSecretStore(dir, { env: {}, keyring: () => broken.factory })).kind).toBe('file');
    const other = mkdtempSync(join(tmpdir(), 'popbiff-choose-'));
    const missing = () => {
      throw new Error('Cannot find module');
    };
    expect((await openSecretStore(other, { env: {}, keyring: missing })).kind).toBe('file');
    rmSync(other, { recursive: true });
  });

  it('gives up on a keyring that hangs', async () => {
    expect(await keyringWorks(() => fakeKeyring({ hang: true }).factory, 50)).toBe(false);
  });

  it('keeps using an existing secrets file, so stored passwords are not stranded', async () => {
    writeFileSync(join(dir, 'secrets.json'), '{"version":1,"secrets":{}}');
    expect((await openSecretStore(dir, { env: {}, keyring: () => fakeKeyring().factory })).kind).toBe('file');
  });

  it('obeys POPBIFF_SECRET_STORE', async () => {
    expect(
      (await openSecretStore(dir, { env: { POPBIFF_SECRET_STORE: 'file' }, keyring: () => fakeKeyring().factory }))
        .kind,
    ).toBe('file');
    const broken = fakeKeyring({ failWith: new Error('x') });
    expect(
      (await openSecretStore(dir, { env: { POPBIFF_SECRET_STORE: 'keyring' }, keyring: () => broken.factory })).kind,
    ).toBe('keyring');
  });
});
