/**
 * The store listing's screenshots, 1280×800 as the Chrome Web Store and addons.mozilla.org take
 * them, from the seeded UI in English and Spanish: the popup with new mail, set on a plain
 * background beside the listing's short description, and the options page filling the frame.
 * Written to artifacts/store/; POPBIFF_UPDATE_DOCS=1 also refreshes the copies in
 * store/screenshots/ that `npm run package` ships. Each shot checks the page first.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import { launchSeeded } from './ui-seed';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, 'artifacts/store');
const SIZE = { width: 1280, height: 800 };
const listing = JSON.parse(readFileSync(resolve(root, 'store/listing.json'), 'utf8')) as Record<
  'en' | 'es',
  { short: string }
>;
const opened: { browser: ExtensionBrowser; dir: string }[] = [];
afterAll(async () => {
  for (const { browser, dir } of opened) {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function keep(path: string): void {
  if (process.env.POPBIFF_UPDATE_DOCS === '1')
    copyFileSync(path, resolve(root, 'store/screenshots', path.split('/').at(-1) ?? ''));
}

describe.each(['en', 'es'] as const)('store screenshots (%s)', (language) => {
  it('the popup with new mail, beside the short description, at 1280×800', async () => {
    const seeded = await launchSeeded(language);
    opened.push(seeded);
    const popup = await seeded.browser.openPage('popup/index.html', { width: 400, height: 640 });
    await popup.getByText('Found the bug in relay 70').waitFor({ timeout: 15_000 });
    const picture = (await popup.locator('body').screenshot({ animations: 'disabled' })).toString('base64');
    // A plain page of our own (not an extension page: its CSP refuses data: images) frames the
    // popup: the store wants the whole 1280×800.
    const frame = await seeded.browser.context.newPage();
    await frame.setViewportSize(SIZE);
    await frame.setContent(
      `<body style="margin:0;height:800px;display:flex;align-items:center;justify-content:center;gap:64px;background:#eef2f7;font:32px/1.35 system-ui,sans-serif;color:#1d2733">` +
        `<p style="max-width:560px"></p><img style="max-height:720px;box-shadow:0 8px 32px rgba(0,0,0,.25);border-radius:8px" src="data:image/png;base64,${picture}"></body>`,
    );
    await frame.locator('p').evaluate((node, text) => {
      node.textContent = text;
    }, listing[language].short);
    await frame.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    mkdirSync(out, { recursive: true });
    const path = join(out, `popup-${language}.png`);
    const png = await frame.screenshot({ path });
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([SIZE.width, SIZE.height]);
    keep(path);
  }, 60_000);

  it('the options page with the accounts, at 1280×800', async () => {
    const seeded = opened.at(-1);
    if (!seeded) throw new Error('the popup shot launches the browser');
    const page = await seeded.browser.openPage('options/index.html', SIZE);
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
    const path = join(out, `options-${language}.png`);
    const png = await page.screenshot({ path });
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([SIZE.width, SIZE.height]);
    keep(path);
  }, 60_000);
});
