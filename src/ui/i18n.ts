import browser from '../browser';

/**
 * Every user-visible string goes through `t`, reading `_locales/<lang>/messages.json` through
 * the browser (which falls back to the default locale, English, for a key a language lacks).
 * Tests replace `browser` with a fake that reads the same files.
 */
export function t(key: string, substitutions?: string | number | (string | number)[]): string {
  if (substitutions === undefined) return plain(key);
  // A missing key shows as itself: visible in tests and screenshots rather than an empty label.
  return browser.i18n.getMessage(key, [substitutions].flat().map(String)) || key;
}

/** Texts without substitutions, asked once each: the popup repeats some on every row. */
const plainTexts = new Map<string, string>();

function plain(key: string): string {
  let text = plainTexts.get(key);
  if (text === undefined) {
    text = browser.i18n.getMessage(key) || key;
    plainTexts.set(key, text);
  }
  return text;
}

let language: string | undefined;

/**
 * The language the messages are shown in ("es", "en-US"), for Intl dates, numbers and relative
 * times, so dates always match the words around them. Each locale names itself (`locale_code`):
 * headless Chromium's getUILanguage() can say en-US while showing Spanish. The browser's own
 * value wins when it agrees, for its region (en-GB dates for en-GB).
 */
export function uiLanguage(): string {
  if (language !== undefined) return language;
  const shown = browser.i18n.getMessage('locale_code');
  const browserLanguage = browser.i18n.getUILanguage();
  // A locale may name itself with a region (pt-BR): compare without case.
  const agrees = browserLanguage.toLowerCase().startsWith(shown.toLowerCase());
  language = shown === '' || agrees ? browserLanguage : shown;
  return language;
}

/** Forgets the cached language and texts (tests switch the language). */
export function resetUiLanguage(): void {
  language = undefined;
  plainTexts.clear();
}
