/**
 * The Chromium end-to-end scenario, in Firefox ESR: real Dovecot, the built host registered by
 * `popbiff install --browser firefox` in a throwaway HOME, headless Firefox with the built
 * extension. The account is added through the extension's own `save-account` message (what the
 * options form sends); the badge must show the mailbox; new mail must raise it. The password
 * lives in a real Secret Service, and afterwards no file of the profile or the host holds it.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage, startDovecot, type DovecotServer } from '../../scripts/lib/dovecot';
import {
  type BrowserGlobal,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  registerHostForFirefox,
  sendToExtension,
  waitUntil,
} from '../../scripts/lib/firefox';
import type { Account } from '../../src/shared/account';
import { type KeyringSession, startKeyringSession } from '../host/keyring-session';

const root = resolve(import.meta.dirname, '../..');
const PASSWORD = 'e2e-Firefox-Secret-5519';

let dir: string;
let dovecot: DovecotServer;
let session: KeyringSession;
let firefox: FirefoxWithExtension;

/** What the options page would send for Alice's mailbox. */
function account(): Account {
  return {
    id: 'alice',
    name: 'Alice',
    server: dovecot.serverSettings('alice'),
    webmailUrl: '',
    intervalMinutes: 5,
    enabled: true,
  };
}

const send = (message: unknown) => sendToExtension(firefox, message);

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    const stat = lstatSync(path); // Firefox's profile lock is a dangling symlink
    if (stat.isDirectory()) return filesUnder(path);
    return stat.isFile() ? [path] : [];
  });
}

beforeAll(async () => {
  if (!existsSync(resolve(root, 'dist/firefox/manifest.json')))
    throw new Error('dist/firefox is missing: run "npm run build" first.');
  dir = mkdtempSync(join(tmpdir(), 'popbiff-e2e-firefox-'));
  session = await startKeyringSession();
  dovecot = await startDovecot({ dir: join(dir, 'dovecot'), users: [{ user: 'alice', password: PASSWORD }] });
  for (const n of [1, 2, 3]) {
    await dovecot.deliver(
      'alice',
      makeMessage({ from: `Sender ${n} <s${n}@example.org>`, subject: `Existing message ${n}`, body: `Body ${n}` }),
    );
  }
  const home = join(dir, 'home');
  const env = { ...session.env, HOME: home, POPBIFF_CONFIG_DIR: join(dir, 'config') };
  registerHostForFirefox(env);
  firefox = await launchFirefoxWithExtension({ home, extensionDir: resolve(root, 'dist/firefox'), env });
}, 90_000);

afterAll(async () => {
  await firefox?.close();
  await dovecot?.stop();
  session?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Popbiff in Firefox against Dovecot', () => {
  it('counts the mailbox after an account is added', async () => {
    const reply = await send({ type: 'save-account', account: account(), password: PASSWORD });
    expect(reply).toMatchObject({ ok: true });
    expect(
      await waitUntil(
        () => firefox.badgeText(),
        (text) => text === '3',
        'the badge after the first check',
        30_000,
      ),
    ).toBe('3');
  });

  it('raises the badge for mail delivered later, after Check now', async () => {
    await dovecot.deliver(
      'alice',
      makeMessage({ from: 'Grace Hopper <grace@example.org>', subject: 'A bug in relay 70', body: 'Moth found.' }),
    );
    expect(await send({ type: 'check-now' })).toMatchObject({ ok: true });
    expect(
      await waitUntil(
        () => firefox.badgeText(),
        (text) => text === '4',
        'the badge after Check now',
        30_000,
      ),
    ).toBe('4');
  });

  it('keeps the password in the keyring only: not in extension storage, the profile or host files', async () => {
    const page = await firefox.openPage('options/index.html');
    const storage = await page.evaluate(async () =>
      JSON.stringify(await (globalThis as unknown as BrowserGlobal).browser.storage.local.get(null)),
    );
    await page.close();
    expect(storage).toContain('alice');
    expect(storage).not.toContain(PASSWORD);
    const leaks = [...filesUnder(join(dir, 'home')), ...filesUnder(join(dir, 'config'))].filter((file) =>
      readFileSync(file).includes(PASSWORD),
    );
    expect(leaks).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'config', 'secret-store.json'), 'utf8'))).toEqual({ kind: 'keyring' });
  });
});
