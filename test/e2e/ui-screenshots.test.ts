/**
 * Screenshots of the built popup and options page in light, dark and Spanish, from seeded
 * storage, into artifacts/ (POPBIFF_UPDATE_DOCS=1 also refreshes the README's copies in docs/).
 * Each shot first checks that the page shows what it should, so a broken page cannot pass as a
 * picture.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import { launchSeeded } from './ui-seed';

const root = resolve(import.meta.dirname, '../..');
const artifacts = resolve(root, 'artifacts');
const docs = resolve(root, 'docs');
const opened: { browser: ExtensionBrowser; dir: string }[] = [];

const launch = async (language: 'en' | 'es') => {
  const seeded = await launchSeeded(language);
  opened.push(seeded);
  return seeded.browser;
};

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

const TEXT = {
  en: { check: 'Check now', host: 'npx popbiff install', add: 'Add account' },
  es: { check: 'Comprobar ahora', host: 'npx popbiff install', add: 'Añadir cuenta' },
} as const;

describe.each([
  ['en', 'light'],
  ['en', 'dark'],
  ['es', 'light'],
] as const)('screenshots (%s, %s)', (language, colorScheme) => {
  const suffix = language === 'es' ? 'es' : colorScheme;
  let browser: ExtensionBrowser;

  it('the popup with new mail, a spoofing warning and an account error', async () => {
    browser = await launch(language);
    const page = await browser.openPage('popup/index.html', { width: 400, height: 640 });
    await page.emulateMedia({ colorScheme });
    await page.getByRole('button', { name: TEXT[language].check }).waitFor({ timeout: 10_000 });
    await page.getByText('Found the bug in relay 70').waitFor();
    await page.getByRole('button', { name: /paypal@paypal\.com/ }).click();
    expect(await page.locator('.warning-line').textContent()).toContain('billing@paypa1-secure.example');
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${language}`));
    await shoot(page, `popup-${suffix}`, true);
  });

  it('the options page with the provider proposal for a Gmail address', async () => {
    const page = await browser.openPage('options/index.html', { width: 820, height: 1000 });
    await page.emulateMedia({ colorScheme });
    await page.getByText(TEXT[language].host).first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: TEXT[language].add }).click();
    await page.locator('#add-address').fill('ann@gmail.com');
    await page.locator('#add-password').fill('app-password');
    await page.locator('form button[type=submit]').click();
    await page.getByText('pop.gmail.com', { exact: false }).first().waitFor();
    await shoot(page, `options-${suffix}`, colorScheme === 'light' && language === 'en');
  });
});
