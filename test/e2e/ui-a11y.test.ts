/**
 * Accessibility of the built popup and options page in headless Chromium: axe-core finds no
 * violations in the states people meet (new mail, an expanded preview with a spoofing warning,
 * an account error, the host missing, the add-account steps), in light and dark themes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { violations } from './axe';
import { demoSeed, seedStorage } from './ui-seed';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let browser: ExtensionBrowser;

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
