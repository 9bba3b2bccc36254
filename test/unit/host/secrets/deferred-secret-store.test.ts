import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../../src/host/native/handlers';
import { openSecretStoreInBackground } from '../../../../src/host/secrets/choose-store';
import type { SecretStore } from '../../../../src/host/secrets/secret-store';
import { fakeKeyring } from '../../../helpers/fake-keyring';

const unused = () => Promise.reject(new Error('not called'));

function helloWith(secrets: SecretStore) {
  const handlers = createHandlers({
    secrets,
    state: { load: unused, save: unused, delete: unused },
    log: { addSecret: () => undefined },
    platform: 'test',
  });
  return handlers.hello({});
}

describe('hello and the secret store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'popbiff-deferred-'));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers hello at once on a first start whose keyring probe hangs, and names the store once chosen', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const keyring = fakeKeyring({ hang: true });
    const store = openSecretStoreInBackground(dir, { env: {}, keyring: () => keyring.factory });
    // Fake timers: without the answer below, nothing would ever end the probe's 3 s wait.
    expect((await helloWith(store)).secretStore).toBe('pending');
    await vi.advanceTimersByTimeAsync(3000);
    // The probe gave up: the file store it chose is what operations use and hello reports.
    expect(await store.get('acc1')).toBeUndefined();
    expect((await helloWith(store)).secretStore).toBe('file');
  });

  it('names a remembered or forced store at once, without a probe', async () => {
    writeFileSync(join(dir, 'secret-store.json'), '{"kind":"keyring"}\n');
    const hanging = () => fakeKeyring({ hang: true }).factory;
    expect((await helloWith(openSecretStoreInBackground(dir, { env: {}, keyring: hanging }))).secretStore).toBe(
      'keyring',
    );
    const forced = openSecretStoreInBackground(dir, { env: { POPBIFF_SECRET_STORE: 'file' }, keyring: hanging });
    expect((await helloWith(forced)).secretStore).toBe('file');
  });

  it('passes a failure to choose on to the operations that need the store', async () => {
    // A config dir that is a file: the choice cannot be written down.
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, '');
    const store = openSecretStoreInBackground(notADir, { env: {}, keyring: () => fakeKeyring().factory });
    expect((await helloWith(store)).secretStore).toBe('pending');
    await expect(store.set('acc1', 'hunter2')).rejects.toThrow();
  });
});
