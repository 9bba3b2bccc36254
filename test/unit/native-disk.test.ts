import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configDirFor, ensureConfigDir } from '../../src/host/config-dir';
import { FileSecretStore } from '../../src/host/secrets/file-secret-store';
import { StateStore } from '../../src/host/mailbox/check/state-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-disk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('config dir', () => {
  it('prefers POPBIFF_CONFIG_DIR, then the platform convention', () => {
    expect(configDirFor({ POPBIFF_CONFIG_DIR: '/x/y' }, 'linux', '/home/a')).toBe('/x/y');
    expect(configDirFor({}, 'linux', '/home/a')).toBe('/home/a/.config/popbiff');
    expect(configDirFor({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/a')).toBe('/xdg/popbiff');
    expect(configDirFor({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Popbiff');
    expect(configDirFor({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Popbiff',
    );
  });

  it('is created private to the user', () => {
    const created = ensureConfigDir(join(dir, 'nested', 'popbiff'));
    expect(modeOf(created)).toBe(0o700);
  });
});

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

describe('StateStore', () => {
  it('returns the saved mailbox only for the token it handed out', async () => {
    const store = new StateStore(dir);
    const token = await store.save('acc1', { uids: ['u1', 'u2'] });
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect(await store.load('acc1', token)).toEqual({ uids: ['u1', 'u2'] });
    expect(await store.load('acc1', 'someone-elses-token')).toBeUndefined();
    expect(await store.load('acc1', undefined)).toBeUndefined();
    expect(await store.load('acc2', token)).toBeUndefined();
  });

  it('hands out a new token on every save, invalidating the old one', async () => {
    const store = new StateStore(dir);
    const first = await store.save('acc1', { uids: ['u1'] });
    const second = await store.save('acc1', { uids: ['u1', 'u2'] });
    expect(second).not.toBe(first);
    expect(await store.load('acc1', first)).toBeUndefined();
    expect(await store.load('acc1', second)).toEqual({ uids: ['u1', 'u2'] });
  });

  it('keeps one compact private file per account and forgets it on delete', async () => {
    const store = new StateStore(dir);
    const token = await store.save('acc1', { uids: ['u1'] });
    const file = join(dir, 'state', 'acc1.json');
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ token, uids: ['u1'] }));
    expect(modeOf(file)).toBe(0o600);
    await store.delete('acc1');
    expect(await store.load('acc1', token)).toBeUndefined();
    await store.delete('acc1'); // deleting twice is fine
  });

  it('remembers everything the next check needs to stay O(1): last full scan and server facts', async () => {
    const store = new StateStore(dir);
    const known = {
      uids: ['u1', 'u2'],
      lastFullScanAt: 1_700_000_000_000,
      serverFacts: { capa: true, pipelining: false, uidl: true, capabilities: ['TOP', 'UIDL', 'SASL PLAIN'] },
      fingerprints: false,
    };
    const token = await store.save('acc1', known);
    expect(await store.load('acc1', token)).toEqual(known);
  });

  it('treats a state file of the wrong shape as lost state', async () => {
    const store = new StateStore(dir);
    const token = await store.save('acc1', { uids: ['u1'] });
    writeFileSync(
      join(dir, 'state', 'acc1.json'),
      JSON.stringify({ token, uids: ['u1'], serverFacts: { capa: 'yes' } }),
    );
    expect(await store.load('acc1', token)).toBeUndefined();
  });

  it('treats a damaged state file as lost state', async () => {
    const store = new StateStore(dir);
    const token = await store.save('acc1', { uids: ['u1'] });
    writeFileSync(join(dir, 'state', 'acc1.json'), `{"token":"${token}","uids":[1`);
    expect(await store.load('acc1', token)).toBeUndefined();
  });

  it('refuses account ids that could escape the state folder', async () => {
    await expect(new StateStore(dir).save('../evil', { uids: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
