import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keyringWorks } from '../../src/host/secrets/choose-store';
import { KeyringSecretStore, loadKeyring } from '../../src/host/secrets/keyring-secret-store';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { HostProcess, ensureHostBundle } from './host-process';
import { type KeyringSession, startKeyringSession } from './keyring-session';

const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`;
const SECRET = 'Keyring-Test-Secret-4471';

let session: KeyringSession;
let configDir: string;
const hosts: HostProcess[] = [];

/** What Secret Service holds for the popbiff service, read with libsecret's own tool. */
function lookup(account: string): string | undefined {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', 'popbiff', 'username', account], {
      env: session.env,
      encoding: 'utf8',
      timeout: 10_000,
    });
  } catch {
    return undefined; // secret-tool exits 1 when nothing matches
  }
}

function startHost(env: NodeJS.ProcessEnv = session.env): HostProcess {
  const host = new HostProcess([ORIGIN], { ...env, POPBIFF_CONFIG_DIR: configDir });
  hosts.push(host);
  return host;
}

beforeAll(async () => {
  ensureHostBundle();
  session = await startKeyringSession();
});
afterAll(() => session?.stop());
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'popbiff-keyring-'));
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('secrets in a real Secret Service (gnome-keyring)', () => {
  it('the host picks the keyring when it works, says so in hello, and stores nothing on disk', async () => {
    const host = startHost();
    expect((await host.helloOnceChosen()).result).toMatchObject({ secretStore: 'keyring' });
    expect(await host.request('s', 'set-secret', { accountId: 'acc1', secret: SECRET })).toMatchObject({ ok: true });
    expect(lookup('acc1')).toBe(SECRET);
    for (const name of readdirSync(configDir)) {
      expect(readFileSync(join(configDir, name), 'utf8')).not.toContain(SECRET);
    }
    expect(await host.request('f', 'forget-account', { accountId: 'acc1' })).toMatchObject({ ok: true });
    expect(lookup('acc1')).toBeUndefined();
  });

  it('keeps its choice on later starts, even where the keyring is gone', async () => {
    await startHost().helloOnceChosen();
    const withoutBus = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const later = startHost(withoutBus);
    expect((await later.request('h', 'hello', {})).result).toMatchObject({ secretStore: 'keyring' });
    // Instead of silently writing the password somewhere else, it says what is wrong.
    const reply = await later.request('s', 'set-secret', { accountId: 'acc1', secret: SECRET });
    expect(reply).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(JSON.stringify(reply)).not.toContain(SECRET);
  });

  it('falls back to the 0600 file when no keyring answers', async () => {
    const host = startHost({ ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    expect((await host.helloOnceChosen()).result).toMatchObject({ secretStore: 'file' });
  });

  it('stores a token longer than the Windows limit in parts and reads it back whole', async () => {
    const env = session.env;
    const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = env.DBUS_SESSION_BUS_ADDRESS;
    try {
      const store = new KeyringSecretStore(() => loadKeyring('popbiff'), 2560);
      expect(await keyringWorks(() => loadKeyring('popbiff'))).toBe(true);
      const token = `ya29.${'x'.repeat(3000)}€𝄞end`;
      await store.set('long', token);
      expect(lookup('long')).toBe('popbiff-parts:3');
      expect(lookup('long#1')?.length).toBe(1280);
      expect(await store.get('long')).toBe(token);
      await store.set('long', 'short now');
      expect(lookup('long#2')).toBeUndefined();
      expect(await store.get('long')).toBe('short now');
      await store.delete('long');
      expect(lookup('long')).toBeUndefined();
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = previous;
    }
  });
});
