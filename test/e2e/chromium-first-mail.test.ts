/**
 * The whole chain once, as a user meets it: real Dovecot, the built host registered by
 * `popbiff install`, real headless Chromium with the built extension. The account is added by
 * filling in the options form; the badge must show the mailbox; new mail must raise it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { makeMessage, startDovecot, type DovecotServer } from '../../scripts/lib/dovecot';
import { registerHost } from '../../scripts/lib/host-registration';
import { addAccountAndSeeBadge, checkNowAndSeeBadge } from './chromium-user-steps';

const root = resolve(import.meta.dirname, '../..');
const artifacts = resolve(root, 'artifacts');
const PASSWORD = 'e2e-Secret-7731';

let dir: string;
let dovecot: DovecotServer;
let browser: ExtensionBrowser;

function maildirFiles(): string[] {
  const maildir = join(dir, 'dovecot', 'home', 'alice', 'Maildir');
  return ['new', 'cur'].flatMap((sub) => (existsSync(join(maildir, sub)) ? readdirSync(join(maildir, sub)) : []));
}

beforeAll(async () => {
  if (!existsSync(resolve(root, 'dist/chrome/manifest.json')))
    throw new Error('dist/chrome is missing: run "npm run build" first.');
  dir = mkdtempSync(join(tmpdir(), 'popbiff-e2e-'));
  dovecot = await startDovecot({ dir: join(dir, 'dovecot'), users: [{ user: 'alice', password: PASSWORD }] });
  for (const n of [1, 2, 3]) {
    await dovecot.deliver(
      'alice',
      makeMessage({ from: `Sender ${n} <s${n}@example.org>`, subject: `Existing message ${n}`, body: `Body ${n}` }),
    );
  }
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  const env = { ...process.env, POPBIFF_CONFIG_DIR: join(dir, 'config') };
  registerHost({ profileDir, env });
  browser = await launchWithExtension({ profileDir, extensionDir: resolve(root, 'dist/chrome'), headless: true, env });
  await browser.worker();
});

afterAll(async () => {
  await browser?.close();
  await dovecot?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Popbiff in Chromium against Dovecot', () => {
  it('counts the mailbox after an account is added in the options page', async () => {
    await addAccountAndSeeBadge(browser, dovecot, { user: 'alice', password: PASSWORD }, '3');
  });

  it('raises the badge for mail delivered later, and the popup lists it', async () => {
    await dovecot.deliver(
      'alice',
      makeMessage({ from: 'Grace Hopper <grace@example.org>', subject: 'A bug in relay 70', body: 'Moth found.' }),
    );
    const popup = await checkNowAndSeeBadge(browser, '4');
    await popup.getByText('A bug in relay 70').waitFor({ timeout: 10_000 });
    await popup.getByText('Existing message 1').waitFor({ timeout: 10_000 });
    mkdirSync(artifacts, { recursive: true });
    await popup.screenshot({ path: join(artifacts, 'popup-chromium.png') });
  });

  it('never takes mail off the server', () => {
    expect(maildirFiles()).toHaveLength(4);
  });
});
