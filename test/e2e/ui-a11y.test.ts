/**
 * Accessibility of the built popup and options page in headless Chromium: axe-core finds no
 * violations in the states people meet (new mail, an expanded preview with a spoofing warning,
 * an account error, the host missing, the add-account steps, the help page), in light and dark
 * themes, and in every locale (Hebrew right to left).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { demoSeed, seedStorage } from './ui-seed';

const root = resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let dir: string;
let browser: ExtensionBrowser;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe in the page; evaluated over CDP, so the extension's CSP does not block it. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return found.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-a11y-'));
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  // No host is registered: the options page shows the "not installed" panel, as for a new user.
  browser = await launchWithExtension({
    profileDir,
    extensionDir: resolve(root, 'dist/chrome'),
    headless: true,
    env: { ...process.env, LANGUAGE: 'en' },
    extraArgs: ['--lang=en-US'],
  });
  await seedStorage(browser, demoSeed(Date.now()));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (colorScheme) => {
  it('the popup with new mail, an error and an open preview has no axe violations', async () => {
    const page = await browser.openPage('popup/index.html', { width: 400, height: 600 });
    await page.emulateMedia({ colorScheme });
    await page.getByText('Found the bug in relay 70').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: /paypal@paypal\.com/ }).click();
    await page.getByText(/Careful: the name shows/).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the options page with the host missing has no axe violations', async () => {
    const page = await browser.openPage('options/index.html', { width: 900, height: 900 });
    await page.emulateMedia({ colorScheme });
    await page
      .getByRole('button', { name: 'How to install' })
      .or(page.getByText('npx popbiff install'))
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the help page has no axe violations', async () => {
    const page = await browser.openPage('options/index.html#about', { width: 900, height: 900 });
    await page.emulateMedia({ colorScheme });
    await page.getByRole('heading', { name: 'Is POP3 safe?' }).waitFor({ timeout: 10_000 });
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the add-account steps have no axe violations', async () => {
    const page = await browser.openPage('options/index.html', { width: 900, height: 900 });
    await page.emulateMedia({ colorScheme });
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('Email address').fill('ann@gmail.com');
    await page.getByLabel('Password').fill('app-password');
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Server pop.gmail.com, port 995, TLS.').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Edit settings manually' }).click();
    await page.getByRole('button', { name: 'Save account' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});

/** How each locale names the popup's "Check now" and the help page's title, to wait for them. */
const LOCALE_TEXT = {
  de: { check: 'Jetzt prüfen', help: 'Über POP3 und Popbiff' },
  es: { check: 'Comprobar ahora', help: 'Sobre POP3 y Popbiff' },
  fr: { check: 'Vérifier', help: 'À propos de POP3 et de Popbiff' },
  pt_BR: { check: 'Verificar agora', help: 'Sobre o POP3 e o Popbiff' },
  it: { check: 'Controlla ora', help: 'Informazioni su POP3 e Popbiff' },
  ru: { check: 'Проверить', help: 'О POP3 и Popbiff' },
  he: { check: 'בדיקה עכשיו', help: 'על POP3 ועל Popbiff' },
} as const;

describe.each(Object.keys(LOCALE_TEXT) as (keyof typeof LOCALE_TEXT)[])('accessibility in %s', (language) => {
  let localized: ExtensionBrowser;
  let localDir: string;

  beforeAll(async () => {
    localDir = mkdtempSync(join(tmpdir(), `popbiff-a11y-${language}-`));
    const profileDir = join(localDir, 'profile');
    mkdirSync(profileDir);
    localized = await launchWithExtension({
      profileDir,
      extensionDir: resolve(root, 'dist/chrome'),
      headless: true,
      env: { ...process.env, LANGUAGE: language },
      extraArgs: [`--lang=${language.replace('_', '-')}`],
    });
    await seedStorage(localized, demoSeed(Date.now()));
  });

  afterAll(async () => {
    await localized?.close();
    if (localDir) rmSync(localDir, { recursive: true, force: true });
  });

  it('the popup with an open preview, the options page and the help page have no axe violations', async () => {
    const popup = await localized.openPage('popup/index.html', { width: 400, height: 600 });
    await popup.getByRole('button', { name: LOCALE_TEXT[language].check, exact: true }).waitFor({ timeout: 10_000 });
    await popup.getByRole('button', { name: /paypal@paypal\.com/ }).click();
    await popup.locator('.warning-line').waitFor();
    expect(await popup.evaluate(() => document.documentElement.dir)).toBe(language === 'he' ? 'rtl' : 'ltr');
    expect(await violations(popup)).toEqual([]);

    const options = await localized.openPage('options/index.html', { width: 900, height: 900 });
    await options.getByText('npx popbiff install').first().waitFor({ timeout: 15_000 });
    expect(await violations(options)).toEqual([]);
    await options.getByRole('link', { name: LOCALE_TEXT[language].help }).click();
    await options.getByRole('heading', { level: 1, name: LOCALE_TEXT[language].help }).waitFor();
    expect(await violations(options)).toEqual([]);
  });
});
