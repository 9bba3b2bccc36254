/**
 * The store listing in the repo (store/): texts in English and Spanish (at least), within
 * the stores' limits, screenshots at the size the stores take, and a privacy policy that says
 * where data goes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const store = resolve(root, 'store');
const listing = JSON.parse(readFileSync(resolve(store, 'listing.json'), 'utf8')) as Record<
  string,
  { name: string; short: string; long: string }
>;

describe('store listing', () => {
  it('has the texts in English and Spanish, each a locale of the extension, within the stores limits', () => {
    const locales = readdirSync(resolve(root, 'src/_locales'));
    expect(Object.keys(listing)).toEqual(expect.arrayContaining(['en', 'es']));
    for (const language of Object.keys(listing)) expect(locales).toContain(language);
    for (const text of Object.values(listing)) {
      expect(text.name).toBe('Popbiff');
      // Chrome Web Store: summary ≤ 132 characters; AMO: summary ≤ 250, description ≤ 15,000.
      expect(text.short.length).toBeLessThanOrEqual(132);
      expect(text.long.length).toBeLessThanOrEqual(15_000);
      expect(text.long.length).toBeGreaterThan(text.short.length);
    }
  });

  it('has 1280×800 screenshots in each language', () => {
    const shots = readdirSync(resolve(store, 'screenshots')).sort();
    expect(shots).toEqual(['options-en.png', 'options-es.png', 'popup-en.png', 'popup-es.png']);
    for (const shot of shots) {
      const png = readFileSync(resolve(store, 'screenshots', shot));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], shot).toEqual([1280, 800]);
    }
  });

  it('has a privacy policy that says data goes nowhere but the user’s mail servers', () => {
    const policy = readFileSync(resolve(store, 'privacy-policy.md'), 'utf8');
    expect(policy).toContain('nowhere but your\nown mail servers');
    expect(policy).toMatch(/no analytics/i);
  });
});
