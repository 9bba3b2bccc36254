import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POPUP_JS_BUDGET, popupJs } from '../../scripts/lib/popup-size';

const extension = resolve(import.meta.dirname, '../../dist/chrome');

/**
 * The popup's 12 KB is a size, not a time: the suite judges it on every build instead of leaving
 * it to `npm run bench` (a change of the storage layout once went 27 bytes over unnoticed).
 */
describe('the built popup', () => {
  it('loads at most 12 KB of JavaScript, gzip -9', () => {
    if (!existsSync(resolve(extension, 'popup/index.html')))
      throw new Error('Build the extension first: npm run build');
    const { gzip } = popupJs(extension);
    expect(gzip).toBeGreaterThan(1000); // it found the scripts
    expect(gzip).toBeLessThanOrEqual(POPUP_JS_BUDGET);
  });
});
