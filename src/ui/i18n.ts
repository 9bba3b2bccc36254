import browser from '../browser';

/**
 * Every user-visible string goes through `t`, reading `_locales/<lang>/messages.json` through
 * the browser (which falls back to the default locale, English, for a key a language lacks).
 * Tests replace `browser` with a fake that reads the same files.
 */
export function t(key: string, substitutions?: string | number | (string | number)[]): string {
  if (substitutions === undefined) return plain(key);
  const values = [substitutions].flat().map(String);
  // A missing key shows as itself: visible in tests and screenshots rather than an empty label.
  return browser.i18n.getMessage(key, uiDirection() === 'rtl' ? values.map(isolate) : values) || key;
}

/**
 * In a right-to-left UI each substituted value (a server name, an address, a number with its unit)
 * is a bidi island (Unicode FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE), so a Latin value
 * cannot carry the Hebrew words around it to the wrong side. Left-to-right texts stay untouched.
 */
const isolate = (value: string): string => `\u2068${value}\u2069`;

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
let direction: 'ltr' | 'rtl' | undefined;

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

/** Primary language subtags of the languages written right to left, for when the browser cannot say. */
const RIGHT_TO_LEFT = new Set(['ar', 'ckb', 'dv', 'fa', 'he', 'ps', 'sd', 'ug', 'ur', 'yi']);

/**
 * The direction of the UI's text. @@bidi_dir is the direction of the browser's own UI language,
 * right whenever that is the language shown. When the browser shows another locale (headless
 * Chromium stays en-US while showing Hebrew; a browser in a language Popbiff lacks shows English),
 * the language shown decides, so the layout always follows the words on the page.
 */
export function uiDirection(): 'ltr' | 'rtl' {
  if (direction !== undefined) return direction;
  const shown = uiLanguage();
  const rtl =
    shown === browser.i18n.getUILanguage()
      ? plain('@@bidi_dir') === 'rtl'
      : RIGHT_TO_LEFT.has(shown.split('-')[0]?.toLowerCase() ?? '');
  direction = rtl ? 'rtl' : 'ltr';
  return direction;
}

/** Forgets the cached language and texts (tests switch the language). */
export function resetUiLanguage(): void {
  language = undefined;
  direction = undefined;
  plainTexts.clear();
}
