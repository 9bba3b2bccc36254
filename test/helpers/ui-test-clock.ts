import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { resetUiLanguage } from '../../src/ui/i18n';
import { resetFakeBrowser } from './ui-fake-browser';

/**
 * Each test of a page starts from an empty fake browser, English, and a frozen clock (`now`), so
 * "2 minutes ago" reads the same on every run; everything is undone after it.
 */
export function freshPageEachTest(now: number): void {
  beforeEach(() => {
    resetFakeBrowser();
    resetUiLanguage();
    vi.useFakeTimers({ now, toFake: ['Date'] });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
}
