/**
 * "Find my accounts in my mail programs" in the built options page, in headless Chromium, with
 * the built host registered as `popbiff install` does it and a home folder (HOME, passed by the
 * browser to the host) holding every mail program's settings. The list is checked, axe-core
 * must find nothing (light and dark), then it is shot into artifacts/options-finder.png
 * (POPBIFF_UPDATE_DOCS=1 also refreshes docs/).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { registerHost } from '../../scripts/lib/host-registration';
import { EXPECTED_ACCOUNTS, writeMailPrograms } from '../helpers/mail-program-fixtures';
import { violations } from './axe';
import { demoSeed, seedStorage } from './ui-seed';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let browser: ExtensionBrowser;

beforeAll(async () => {
  if (!existsSync(resolve(root, 'dist/chrome/manifest.json')))
    throw new Error('dist/chrome is missing: run "npm run build" first.');
  dir = mkdtempSync(join(tmpdir(), 'popbiff-e2e-finder-'));
  const home = join(dir, 'home');
  writeMailPrograms(home);
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  const { XDG_CONFIG_HOME: _default, ...inherited } = process.env;
  const env = {
    ...inherited,
    HOME: home,
    POPBIFF_CONFIG_DIR: join(dir, 'config'),
    LANGUAGE: 'en',
    LANG: 'en_US.UTF-8',
  };
  registerHost({ profileDir, env });
  browser = await launchWithExtension({
    profileDir,
    extensionDir: resolve(root, 'dist/chrome'),
    headless: true,
    env,
    extraArgs: ['--lang=en'],
  });
  // The demo accounts, and one that KMail also has: the list must mark it, not offer it.
  const seed = demoSeed(Date.now());
  const kmail = EXPECTED_ACCOUNTS.find((account) => account.program === 'kmail');
  if (!kmail) throw new Error('the fixtures lost their KMail account');
  seed.accounts.push({
    id: 'kde',
    name: 'KDE',
    server: {
      host: kmail.host,
      port: kmail.port,
      security: kmail.security,
      allowPlaintext: false,
      username: kmail.username,
    },
    webmailUrl: '',
    intervalMinutes: 600,
    enabled: true,
  });
  await seedStorage(browser, seed);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('lists the accounts found in the mail programs, marks the known one, passes axe, and is shot for the README', async () => {
  const page = await browser.openPage('options/index.html', { width: 820, height: 1000 });
  await page.getByText('compatible').first().waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Find my accounts in my mail programs' }).click();
  const list = page.getByRole('group', { name: 'Accounts found in your mail programs' });
  await list.waitFor({ timeout: 15_000 });
  const rows = list.locator('li');
  expect(await rows.count()).toBe(EXPECTED_ACCOUNTS.length);
  expect(await list.locator('li.known').textContent()).toContain('konqi at pop.kde.example:995');
  expect(await list.locator('li.known').textContent()).toContain('Already in Popbiff');
  expect(await list.textContent()).toContain('józef.müller at pop3.example.pl:110 · STARTTLS');
  await list.getByRole('checkbox', { name: /Work "mail"/ }).check();
  await list.getByRole('checkbox', { name: /Claws POP/ }).check();
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await violations(page)).toEqual([]);
  }

  const artifacts = resolve(root, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, 'options-finder.png');
  await list.screenshot({ path, animations: 'disabled' });
  if (process.env.POPBIFF_UPDATE_DOCS === '1') copyFileSync(path, resolve(root, 'docs', 'options-finder.png'));

  // The first chosen account in the ordinary form: its server proposed, the password left to the user.
  await list.getByRole('button', { name: 'Set up the chosen accounts' }).click();
  await page.getByText('Account 1 of 2: Work "mail", from Thunderbird.', { exact: false }).waitFor();
  const setup = page.locator('.found-setup');
  expect(await setup.textContent()).toContain('Server pop.example.org, port 995, TLS.');
  expect(await page.locator('input[type=password]').inputValue()).toBe('');
  expect(await violations(page)).toEqual([]);
  await setup.screenshot({ path: join(artifacts, 'options-finder-setup.png'), animations: 'disabled' });
}, 60_000);
