/**
 * Issue 5's scenario end to end: real Dovecot, the built host, headless Chromium. A new user
 * types only an email address and a password; a local autoconfig server (the host's test
 * override, POPBIFF_AUTOCONFIG_URLS) proposes the server; the user tests the connection, trusts
 * the server's certificate (no CA file), sees the mail, reads a preview, deletes one message
 * (the real 10-second undo window elapses) and undoes the deletion of another.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { makeMessage, startDovecot, type DovecotServer } from '../../scripts/lib/dovecot';
import { storedAccounts } from '../../scripts/lib/extension-driver';
import { registerHost } from '../../scripts/lib/host-registration';
import { eventually } from '../helpers/eventually';

const root = resolve(import.meta.dirname, '../..');
const PASSWORD = 'e2e-Setup-4471';
const ADDRESS = 'alice@popbiff-e2e.test';
const SUBJECTS = ['Quarterly report', 'Delete me please', 'Keep me after undo'];
/** The real undo window (src/storage/account-state.ts) plus room for the host's session. */
const WINDOW_AND_SESSION_MS = 10_000 + 15_000;

let dir: string;
let dovecot: DovecotServer;
let browser: ExtensionBrowser;
let autoconfigServer: Server;
const autoconfigRequests: string[] = [];

/** The subjects of the messages still in the maildir (new/ and cur/). */
function subjectsOnServer(): string[] {
  const maildir = dovecot.maildir('alice');
  return ['new', 'cur'].flatMap((sub) => {
    const folder = join(maildir, sub);
    if (!existsSync(folder)) return [];
    return readdirSync(folder).map(
      (name) => /^Subject: (.*)$/m.exec(readFileSync(join(folder, name), 'utf8'))?.[1]?.trim() ?? '?',
    );
  });
}

/** A Thunderbird autoconfig file naming the local Dovecot's POP3S port. */
function configFor(port: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="popbiff-e2e.test">
    <domain>popbiff-e2e.test</domain>
    <incomingServer type="pop3"><hostname>127.0.0.1</hostname><port>${port}</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>
  </emailProvider>
</clientConfig>`;
}

async function startAutoconfig(pop3sPort: number): Promise<number> {
  autoconfigServer = createServer((request, response) => {
    autoconfigRequests.push(request.url ?? '');
    if (!request.url?.startsWith('/autoconfig/popbiff-e2e.test/')) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/xml' }).end(configFor(pop3sPort));
  });
  await new Promise<void>((ready) => autoconfigServer.listen(0, '127.0.0.1', ready));
  return (autoconfigServer.address() as AddressInfo).port;
}

async function pendingDeletions(): Promise<number> {
  const accounts = Object.values(await storedAccounts(await browser.worker())) as { pendingDeletion?: unknown }[];
  return accounts.filter((a) => a.pendingDeletion !== undefined).length;
}

beforeAll(async () => {
  if (!existsSync(resolve(root, 'dist/chrome/manifest.json')))
    throw new Error('dist/chrome is missing: run "npm run build" first.');
  dir = mkdtempSync(join(tmpdir(), 'popbiff-e2e-setup-'));
  dovecot = await startDovecot({ dir: join(dir, 'dovecot'), users: [{ user: 'alice', password: PASSWORD }] });
  for (const [n, subject] of SUBJECTS.entries()) {
    await dovecot.deliver(
      'alice',
      makeMessage({
        from: `Sender ${n} <s${n}@example.org>`,
        subject,
        body: `First line of message ${n}.\nSecond line.`,
      }),
    );
  }
  const port = await startAutoconfig(dovecot.pop3sPort);
  const base = `http://127.0.0.1:${port}`;
  const urls = {
    autoconfig: `${base}/autoconfig/{domain}/config.xml?emailaddress={address}`,
    'well-known': `${base}/well-known/{domain}`,
    ispdb: `${base}/ispdb/{domain}`,
  };
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  const env = {
    ...process.env,
    POPBIFF_CONFIG_DIR: join(dir, 'config'),
    POPBIFF_AUTOCONFIG_URLS: JSON.stringify(urls),
  };
  registerHost({ profileDir, env });
  browser = await launchWithExtension({ profileDir, extensionDir: resolve(root, 'dist/chrome'), headless: true, env });
  await browser.worker();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dovecot?.stop();
  await new Promise((closed) => autoconfigServer?.close(closed));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('set-up, preview and delete in Chromium against Dovecot', () => {
  it('adds the account from an address and a password: autoconfig, test, trust the certificate, save', async () => {
    const options = await browser.openPage('options/index.html');
    await options.getByRole('button', { name: 'Add account' }).click();
    await options.getByLabel('Email address').fill(ADDRESS);
    await options.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await options.getByRole('button', { name: 'Continue' }).click();
    // 127.0.0.1 is outside popbiff-e2e.test: the page asks before using it (RFC 6186 §6).
    await options
      .getByText(/name the server 127\.0\.0\.1, which is not part of popbiff-e2e\.test/)
      .waitFor({ timeout: 20_000 });
    await options.getByRole('button', { name: 'Use 127.0.0.1' }).click();
    await options.getByText(/Settings found by the provider's autoconfig server/).waitFor({ timeout: 20_000 });
    expect(autoconfigRequests[0]).toContain(encodeURIComponent(ADDRESS));
    // The mail already there counts: it stays on the server and this user wants to see it.
    await options.getByLabel('Mail stays on the server').selectOption('all-new');

    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.getByRole('button', { name: 'Trust this certificate' }).click({ timeout: 30_000 });
    await options.getByText('Signed in: the settings work.').waitFor({ timeout: 30_000 });
    const transcript = (await options.locator('pre.transcript').textContent()) ?? '';
    expect(transcript).not.toContain(PASSWORD);

    await options.getByRole('button', { name: 'Save account' }).click();
    await options.getByText('Saved').waitFor({ timeout: 15_000 });
    expect(
      await eventually(
        () => browser.badgeText(),
        (text) => text === '3',
        'badge after the first check',
        30_000,
      ),
    ).toBe('3');
  });

  it('shows the mail in the popup and a preview of the first lines', async () => {
    const popup = await browser.openPage('popup/index.html', { width: 400, height: 700 });
    await popup.getByText(SUBJECTS[0] ?? '').click({ timeout: 15_000 });
    const body = popup.locator('pre.body-text');
    await body.waitFor({ timeout: 30_000 });
    expect(await body.textContent()).toContain('First line of message 0.');
    await popup.close();
  });

  it('deletes a message on the server once the undo window has elapsed, leaving the others', async () => {
    const popup = await browser.openPage('popup/index.html', { width: 400, height: 700 });
    await popup.getByText(SUBJECTS[1] ?? '').click({ timeout: 15_000 });
    await popup.getByRole('button', { name: 'Delete on server' }).click();
    await popup.getByRole('button', { name: 'Delete', exact: true }).click();
    await popup.getByText(/Deleting 1 message from the server in \d+ s/).waitFor({ timeout: 5_000 });
    // Nothing happens on the server during the window.
    expect(subjectsOnServer()).toHaveLength(3);
    await eventually(
      async () => subjectsOnServer().length,
      (n) => n === 2,
      'the deletion on the server',
      WINDOW_AND_SESSION_MS,
    );
    expect(subjectsOnServer().sort()).toEqual([SUBJECTS[0], SUBJECTS[2]].sort());
    await popup.getByText('Deleted from the server: 1').waitFor({ timeout: 10_000 });
    await popup.close();
  }, 60_000);

  it('undoing a deletion keeps the message on the server', async () => {
    const popup = await browser.openPage('popup/index.html', { width: 400, height: 700 });
    await popup.getByText(SUBJECTS[2] ?? '').click({ timeout: 15_000 });
    await popup.getByRole('button', { name: 'Delete on server' }).click();
    await popup.getByRole('button', { name: 'Delete', exact: true }).click();
    // Exact: the subject "Keep me after undo" names its row's button too.
    await popup.getByRole('button', { name: 'Undo', exact: true }).click({ timeout: 5_000 });
    expect(await eventually(pendingDeletions, (n) => n === 0, 'the undo reaching the background', 5_000)).toBe(0);
    // Past the whole window and the session time: the server must still hold the message.
    const deadline = Date.now() + WINDOW_AND_SESSION_MS - 10_000;
    while (Date.now() < deadline) {
      expect(subjectsOnServer()).toContain(SUBJECTS[2]);
      await new Promise((tick) => setTimeout(tick, 500));
    }
    expect(subjectsOnServer().sort()).toEqual([SUBJECTS[0], SUBJECTS[2]].sort());
    await popup.close();
  }, 60_000);
});
