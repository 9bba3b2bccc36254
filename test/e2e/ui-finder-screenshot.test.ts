/**
 * "Find my accounts in my mail programs" in the built options page, in headless Chromium, with
 * the built host registered as `popbiff install` does it and a home folder (HOME, passed by the
 * browser to the host) holding every mail program's settings, in English and Spanish. The list
 * is checked, axe-core must find nothing (light and dark), then it is shot into
 * artifacts/options-finder*.png (POPBIFF_UPDATE_DOCS=1 also refreshes the README's copy).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import { registerHost } from '../../scripts/lib/host-registration';
import { EXPECTED_ACCOUNTS, writeMailPrograms } from '../helpers/mail-program-fixtures';
import { violations } from './axe';
import { launchLocalized } from './localized-browser';
import { demoSeed, seedStorage } from './ui-seed';

const root = resolve(import.meta.dirname, '../..');
const artifacts = resolve(root, 'artifacts');
const opened: { browser: ExtensionBrowser; dir: string }[] = [];

/** What each language's page says (the English strings are also the ones the README shows). */
const TEXT = {
  en: {
    compatible: 'compatible',
    find: 'Find my accounts in my mail programs',
    list: 'Accounts found in your mail programs',
    known: 'Already in Popbiff',
    row: 'józef.müller at pop3.example.pl:110 · STARTTLS',
    setUp: 'Set up the chosen accounts',
    step: 'Account 1 of 2: Work "mail", from Thunderbird.',
    server: 'Server pop.example.org, port 995, TLS.',
  },
  es: {
    compatible: 'compatible',
    find: 'Buscar mis cuentas en mis programas de correo',
    list: 'Cuentas encontradas en tus programas de correo',
    known: 'Ya está en Popbiff',
    row: 'józef.müller en pop3.example.pl:110 · STARTTLS',
    setUp: 'Configurar las cuentas elegidas',
    step: 'Cuenta 1 de 2: Work "mail", de Thunderbird.',
    server: 'pop.example.org',
  },
} as const;

/** Chromium in `language`, the host registered for it, HOME holding every mail program's settings. */
async function launch(language: keyof typeof TEXT): Promise<ExtensionBrowser> {
  const dir = mkdtempSync(join(tmpdir(), `popbiff-e2e-finder-${language}-`));
  const home = join(dir, 'home');
  writeMailPrograms(home);
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  const { XDG_CONFIG_HOME: _default, ...inherited } = process.env;
  const env = { ...inherited, HOME: home, POPBIFF_CONFIG_DIR: join(dir, 'config') };
  registerHost({ profileDir, env });
  const browser = await launchLocalized(profileDir, language, env);
  opened.push({ browser, dir });
  // The demo accounts, and one that KMail also has: the list must mark it, not offer it.
  const seed = demoSeed(Date.now());
  const kmail = EXPECTED_ACCOUNTS.find((account) => account.program === 'kmail');
  if (!kmail) throw new Error('the fixtures lost their KMail account');
  const { host, port, security, username } = kmail;
  seed.accounts.push({
    id: 'kde',
    name: 'KDE',
    server: { host, port, security, allowPlaintext: false, username },
    webmailUrl: '',
    intervalMinutes: 600,
    enabled: true,
  });
  await seedStorage(browser, seed);
  return browser;
}

beforeAll(() => {
  if (!existsSync(resolve(root, 'dist/chrome/manifest.json')))
    throw new Error('dist/chrome is missing: run "npm run build" first.');
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  for (const { browser, dir } of opened) {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.each(['en', 'es'] as const)('the account finder in the options page (%s)', (language) => {
  const text = TEXT[language];

  it('lists the accounts found in the mail programs, marks the known one, passes axe, and is shot', async () => {
    const browser = await launch(language);
    const page = await browser.openPage('options/index.html', { width: 820, height: 1000 });
    await page.getByText(text.compatible).first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: text.find }).click();
    const list = page.getByRole('group', { name: text.list });
    await list.waitFor({ timeout: 15_000 });
    expect(await list.locator('li').count()).toBe(EXPECTED_ACCOUNTS.length);
    const known = await list.locator('li.known').textContent();
    expect(known).toContain('konqi');
    expect(known).toContain(text.known);
    expect(await list.textContent()).toContain(text.row);
    await list.getByRole('checkbox', { name: /Work "mail"/ }).check();
    await list.getByRole('checkbox', { name: /Claws POP/ }).check();
    for (const colorScheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await violations(page)).toEqual([]);
    }
    const path = join(artifacts, `options-finder${language === 'en' ? '' : `-${language}`}.png`);
    await list.screenshot({ path, animations: 'disabled' });
    if (language === 'en' && process.env.POPBIFF_UPDATE_DOCS === '1')
      copyFileSync(path, resolve(root, 'docs', 'options-finder.png'));

    // The first chosen account in the ordinary form: its server proposed, the password left to the user.
    await list.getByRole('button', { name: text.setUp }).click();
    await page.getByText(text.step, { exact: false }).waitFor();
    const setup = page.locator('.found-setup');
    expect(await setup.textContent()).toContain(text.server);
    expect(await page.locator('input[type=password]').inputValue()).toBe('');
    expect(await violations(page)).toEqual([]);
    await setup.screenshot({ path: join(artifacts, `options-finder-setup-${language}.png`), animations: 'disabled' });
  }, 90_000);
});
