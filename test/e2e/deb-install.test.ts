/**
 * The Debian package on a machine where the host has no Node: `dpkg -i` the .deb, then the user's
 * scenario in Chromium (account added in the options page, badge from Dovecot, new mail raises
 * it) and in Firefox, each browser and the host it starts running with a PATH that has no
 * `node`, and nothing registered but the package's system-wide manifests. `popbiff-host doctor`
 * approves of those; removing the package leaves no manifest behind. It installs a system
 * package, so it needs root (CI runs as root); elsewhere it is skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../../scripts/lib/chromium';
import { DEB_PROGRAM, DEB_PROGRAM_DIR, debManifests } from '../../scripts/lib/deb';
import { type DovecotServer, makeMessage, startDovecot } from '../../scripts/lib/dovecot';
import { type FirefoxWithExtension, launchFirefoxWithExtension, sendToExtension } from '../../scripts/lib/firefox';
import { eventually } from '../helpers/eventually';
import { ensureDeb } from '../helpers/host-program';
import { pathWithoutNode } from '../helpers/no-node-path';
import { type KeyringSession, startKeyringSession } from '../host/keyring-session';
import { addAccountAndSeeBadge, checkNowAndSeeBadge } from './chromium-user-steps';

const root = resolve(import.meta.dirname, '../..');
const PACKAGE = 'popbiff-host';
const PASSWORD = 'deb-e2e-Secret-4410';
const isRoot = process.getuid?.() === 0;

let dir: string;
let env: NodeJS.ProcessEnv;
let dovecot: DovecotServer;
let session: KeyringSession;

const installed = () =>
  /^Status: install ok installed$/m.test(spawnSync('dpkg-query', ['-s', PACKAGE], { encoding: 'utf8' }).stdout);
const leftovers = () => [...debManifests().map((manifest) => manifest.path), DEB_PROGRAM_DIR].filter(existsSync);

async function deliver(subject: string): Promise<void> {
  await dovecot.deliver('alice', makeMessage({ from: 'Grace <grace@example.org>', subject, body: subject }));
}

/** Each browser gets its own HOME and host config, so one's state cannot help the other. */
function browserEnv(name: string): NodeJS.ProcessEnv {
  return { ...env, HOME: join(dir, name, 'home'), POPBIFF_CONFIG_DIR: join(dir, name, 'config') };
}

describe.skipIf(!isRoot)('the Debian package, with no node for the host (skipped unless root: it runs dpkg -i)', () => {
  beforeAll(async () => {
    for (const target of ['chrome', 'firefox'])
      if (!existsSync(resolve(root, `dist/${target}/manifest.json`)))
        throw new Error(`dist/${target} is missing: run "npm run build" first.`);
    if (installed())
      throw new Error(`${PACKAGE} is already installed here; this test installs and removes it: remove it first.`);
    const deb = ensureDeb();
    dir = mkdtempSync(join(tmpdir(), 'popbiff-e2e-deb-'));
    session = await startKeyringSession();
    dovecot = await startDovecot({ dir: join(dir, 'dovecot'), users: [{ user: 'alice', password: PASSWORD }] });
    for (const n of [1, 2, 3]) await deliver(`Existing message ${n}`);
    execFileSync('dpkg', ['-i', deb], { stdio: ['ignore', 'ignore', 'pipe'] });
    // After dpkg: the PATH then offers the package's /usr/bin/popbiff-host, and still no node.
    env = { ...session.env, PATH: pathWithoutNode(dir) };
  }, 1_200_000);

  afterAll(async () => {
    if (installed()) execFileSync('dpkg', ['--purge', PACKAGE], { stdio: 'ignore' });
    await dovecot?.stop();
    session?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs everything below with a PATH on which there is no node', () => {
    expect(spawnSync('sh', ['-c', 'command -v node || command -v nodejs'], { env }).status).not.toBe(0);
    const found = spawnSync('sh', ['-c', 'readlink -f "$(command -v popbiff-host)"'], { env, encoding: 'utf8' });
    expect(found.stdout.trim()).toBe(DEB_PROGRAM);
  });

  describe('in Chromium', () => {
    let browser: ExtensionBrowser;
    beforeAll(async () => {
      const profileDir = join(dir, 'chromium', 'profile');
      mkdirSync(profileDir, { recursive: true });
      browser = await launchWithExtension({
        profileDir,
        extensionDir: resolve(root, 'dist/chrome'),
        headless: true,
        env: browserEnv('chromium'),
      });
      await browser.worker();
    }, 60_000);
    afterAll(() => browser?.close());

    it('counts the mailbox after an account is added in the options page, and new mail raises the badge', async () => {
      await addAccountAndSeeBadge(browser, dovecot, { user: 'alice', password: PASSWORD }, '3');
      await deliver('A bug in relay 70');
      await checkNowAndSeeBadge(browser, '4');
      // The packaged program started, found its keyring addon in /usr/lib/popbiff and used it.
      const choice = JSON.parse(readFileSync(join(dir, 'chromium', 'config', 'secret-store.json'), 'utf8'));
      expect(choice).toEqual({ kind: 'keyring' });
    }, 90_000);
  });

  it('passes popbiff-host doctor for the system-wide Chromium and Firefox registrations', () => {
    const doctor = spawnSync('popbiff-host', ['doctor', '--system', '--browser', 'chromium', '--browser', 'firefox'], {
      env: browserEnv('doctor'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(doctor.stdout).toContain(`host program ${DEB_PROGRAM} is there and executable`);
    expect(doctor.stdout.match(/the host answers "hello"/g)).toHaveLength(2);
    expect(doctor.stdout).toContain('Everything looks right.');
    expect(doctor.status).toBe(0);
  });

  describe('in Firefox', () => {
    let firefox: FirefoxWithExtension;
    beforeAll(async () => {
      const firefoxEnv = browserEnv('firefox');
      firefox = await launchFirefoxWithExtension({
        home: firefoxEnv.HOME ?? '',
        extensionDir: resolve(root, 'dist/firefox'),
        env: firefoxEnv,
      });
    }, 90_000);
    afterAll(() => firefox?.close());

    it('counts the mailbox through the system-wide Firefox registration, and new mail raises the badge', async () => {
      const account = {
        id: 'alice',
        name: 'Alice',
        server: dovecot.serverSettings('alice'),
        webmailUrl: '',
        intervalMinutes: 5,
        enabled: true,
      };
      expect(await sendToExtension(firefox, { type: 'save-account', account, password: PASSWORD })).toMatchObject({
        ok: true,
      });
      expect(
        await eventually(
          () => firefox.badgeText(),
          (t) => t === '4',
          'badge after the first check',
        ),
      ).toBe('4');
      await deliver('Another one');
      expect(await sendToExtension(firefox, { type: 'check-now' })).toMatchObject({ ok: true });
      expect(
        await eventually(
          () => firefox.badgeText(),
          (t) => t === '5',
          'badge after Check now',
        ),
      ).toBe('5');
      expect(existsSync(join(dir, 'firefox', 'home', '.mozilla', 'native-messaging-hosts'))).toBe(false);
    }, 90_000);
  });

  it('leaves no manifest and no program behind once the package is removed', () => {
    expect(leftovers()).toHaveLength(debManifests().length + 1);
    execFileSync('dpkg', ['--remove', PACKAGE], { stdio: 'ignore' });
    expect(leftovers()).toEqual([]);
    expect(existsSync('/usr/bin/popbiff-host')).toBe(false);
    execFileSync('dpkg', ['--purge', PACKAGE], { stdio: 'ignore' });
    expect(installed()).toBe(false);
  });
});
