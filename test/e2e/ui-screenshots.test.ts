/**
 * Screenshots of the built popup, options page and help page in light, dark and every locale,
 * and of the right-to-left layout in Hebrew, from seeded storage, into artifacts/
 * (POPBIFF_UPDATE_DOCS=1 also refreshes the README's copies in docs/).
 * Each shot first checks that the page shows what it should, so a broken page cannot pass as a
 * picture.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { demoSeed, seedStorage } from './ui-seed';

const root = resolve(import.meta.dirname, '../..');
const artifacts = resolve(root, 'artifacts');
const docs = resolve(root, 'docs');
const opened: { browser: ExtensionBrowser; dir: string }[] = [];

const POSIX_LOCALE: Record<string, string> = {
  es: 'es_ES',
  de: 'de_DE',
  fr: 'fr_FR',
  pt_BR: 'pt_BR',
  it: 'it_IT',
  ru: 'ru_RU',
  he: 'he_IL',
};

/** `--lang` picks the extension's _locales in headless Chromium; LANGUAGE for good measure. */
async function launch(language: string): Promise<ExtensionBrowser> {
  const dir = mkdtempSync(join(tmpdir(), `popbiff-shots-${language}-`));
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  const env = { ...process.env, LANGUAGE: language, LANG: `${POSIX_LOCALE[language] ?? 'en_US'}.UTF-8` };
  const browser = await launchWithExtension({
    profileDir,
    extensionDir: resolve(root, 'dist/chrome'),
    headless: true,
    env,
    extraArgs: [`--lang=${language.replace('_', '-')}`],
  });
  opened.push({ browser, dir });
  await seedStorage(browser, demoSeed(Date.now()));
  return browser;
}

async function shoot(page: Page, name: string, forReadme: boolean): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.locator('body').screenshot({ path, animations: 'disabled' });
  // The README's copies change only when asked for, never as a side effect of a test run.
  if (forReadme && process.env.POPBIFF_UPDATE_DOCS === '1') copyFileSync(path, join(docs, `${name}.png`));
}

afterAll(async () => {
  for (const { browser, dir } of opened) {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** What each locale's pages must say, read from the page before each shot. */
const TEXT = {
  en: { check: 'Check now', add: 'Add account', help: 'About POP3 and Popbiff', safe: 'Is POP3 safe?' },
  es: { check: 'Comprobar ahora', add: 'Añadir cuenta', help: 'Sobre POP3 y Popbiff', safe: '¿Es seguro POP3?' },
  de: { check: 'Jetzt prüfen', add: 'Konto hinzufügen', help: 'Über POP3 und Popbiff', safe: 'Ist POP3 sicher?' },
  fr: {
    check: 'Vérifier',
    add: 'Ajouter un compte',
    help: 'À propos de POP3 et de Popbiff',
    safe: 'POP3 est-il sûr\u00a0?',
  },
  pt_BR: {
    check: 'Verificar agora',
    add: 'Adicionar conta',
    help: 'Sobre o POP3 e o Popbiff',
    safe: 'O POP3 é seguro?',
  },
  it: {
    check: 'Controlla ora',
    add: 'Aggiungi account',
    help: 'Informazioni su POP3 e Popbiff',
    safe: 'POP3 è sicuro?',
  },
  ru: {
    check: 'Проверить',
    add: 'Добавить учётную запись',
    help: 'О POP3 и Popbiff',
    safe: 'Безопасен ли POP3?',
  },
  he: { check: 'בדיקה עכשיו', add: 'הוספת חשבון', help: 'על POP3 ועל Popbiff', safe: 'האם POP3 בטוח?' },
} as const;
type Language = keyof typeof TEXT;

/** The document says its language and direction: the pages set both from the locale. */
async function expectLanguage(page: Page, language: Language): Promise<void> {
  const { lang, dir } = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
  }));
  expect(lang.toLowerCase()).toMatch(new RegExp(`^${language.replace('_', '-').toLowerCase()}`));
  expect(dir).toBe(language === 'he' ? 'rtl' : 'ltr');
}

async function popupShot(browser: ExtensionBrowser, language: Language, colorScheme: 'light' | 'dark') {
  const page = await browser.openPage('popup/index.html', { width: 400, height: 640 });
  await page.emulateMedia({ colorScheme });
  await page.getByRole('button', { name: TEXT[language].check, exact: true }).waitFor({ timeout: 10_000 });
  await page.getByText('Found the bug in relay 70').waitFor();
  await page.getByRole('button', { name: /paypal@paypal\.com/ }).click();
  expect(await page.locator('.warning-line').textContent()).toContain('billing@paypa1-secure.example');
  await expectLanguage(page, language);
  return page;
}

async function optionsShot(browser: ExtensionBrowser, language: Language, colorScheme: 'light' | 'dark') {
  const page = await browser.openPage('options/index.html', { width: 820, height: 1000 });
  await page.emulateMedia({ colorScheme });
  await page.getByText('npx popbiff install').first().waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: TEXT[language].add, exact: true }).click();
  await page.locator('#add-address').fill('ann@gmail.com');
  await page.locator('#add-password').fill('app-password');
  await page.locator('form button[type=submit]').click();
  await page.getByText('pop.gmail.com', { exact: false }).first().waitFor();
  await expectLanguage(page, language);
  return page;
}

async function helpShot(browser: ExtensionBrowser, language: Language) {
  const page = await browser.openPage('options/index.html', { width: 820, height: 1400 });
  await page.getByRole('link', { name: TEXT[language].help }).click();
  await page.getByRole('heading', { level: 1, name: TEXT[language].help }).waitFor({ timeout: 10_000 });
  await page.getByRole('heading', { level: 2, name: TEXT[language].safe }).waitFor();
  expect(await page.locator('.help-links a').count()).toBe(6);
  await expectLanguage(page, language);
  return page;
}

describe.each([
  ['en', 'light'],
  ['en', 'dark'],
  ['es', 'light'],
] as const)('screenshots (%s, %s)', (language, colorScheme) => {
  const suffix = language === 'es' ? 'es' : colorScheme;
  let browser: ExtensionBrowser;

  it('the popup with new mail, a spoofing warning and an account error', async () => {
    browser = await launch(language);
    await shoot(await popupShot(browser, language, colorScheme), `popup-${suffix}`, true);
  });

  it('the options page with the provider proposal for a Gmail address', async () => {
    const page = await optionsShot(browser, language, colorScheme);
    await shoot(page, `options-${suffix}`, colorScheme === 'light' && language === 'en');
  });

  it.skipIf(colorScheme === 'dark')('the help page', async () => {
    await shoot(await helpShot(browser, language), `help-${suffix}`, false);
  });
});

describe.each(['de', 'fr', 'pt_BR', 'it', 'ru', 'he'] as const)('screenshots in %s', (language) => {
  let browser: ExtensionBrowser;

  it('the popup with new mail, a spoofing warning and an account error', async () => {
    browser = await launch(language);
    await shoot(await popupShot(browser, language, 'light'), `popup-${language}`, false);
  });

  it('the options page with the provider proposal for a Gmail address', async () => {
    await shoot(await optionsShot(browser, language, 'light'), `options-${language}`, false);
  });

  it('the help page', async () => {
    await shoot(await helpShot(browser, language), `help-${language}`, false);
  });
});

describe('right to left (Hebrew)', () => {
  let browser: ExtensionBrowser;

  /** The x of the left and right edges of an element's content (its text, for a heading). */
  const edges = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const box = range.getBoundingClientRect();
        return { left: box.left, right: box.right };
      });

  it('lays the popup out from the right, and each subject in its own direction', async () => {
    browser = await launch('he');
    const page = await popupShot(browser, 'he', 'light');
    // The title sits at the right end of the header and the actions run leftwards from it.
    const title = await edges(page, 'header h1');
    const check = await edges(page, 'header .primary');
    expect(title.left).toBeGreaterThan(check.right);
    // Mail text keeps the direction of its writer: an English subject stays left-to-right in a
    // Hebrew popup, a Hebrew one right-to-left.
    const direction = (text: string) =>
      page.locator('.subject', { hasText: text }).evaluate((element) => getComputedStyle(element).direction);
    expect(await direction('Found the bug in relay 70')).toBe('ltr');
    expect(await direction('שלום, ההזמנה שלך נשלחה')).toBe('rtl');
    await shoot(page, 'popup-rtl', false);
  });

  it('lays the options page out from the right', async () => {
    const page = await optionsShot(browser, 'he', 'light');
    const heading = await edges(page, 'main h1');
    const main = await page.locator('main').evaluate((element) => {
      const box = element.getBoundingClientRect();
      return { left: box.left, right: box.right };
    });
    // The heading's text starts at the right edge of the column (its padding aside).
    expect(main.right - heading.right).toBeLessThan(30);
    expect(heading.left - main.left).toBeGreaterThan(100);
    await shoot(page, 'options-rtl', false);
  });
});
