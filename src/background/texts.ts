import { type PluralKey, pluralText } from '../shared/plural';

/** The part of `browser.i18n` the background reads. */
export interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
  getUILanguage(): string;
}

/**
 * The background's words (notifications, the toolbar tooltip), from the same _locales as the
 * pages, so a notification speaks the language of the popup. Handed to the pure planners.
 */
export interface Texts {
  say(key: string, values?: string[]): string;
  count(key: PluralKey, count: number, values?: (string | number)[]): string;
}

export function textsFrom(i18n: I18nApi): Texts {
  // The locale shown names itself: the browser's UI language may be one Popbiff lacks.
  const locale = i18n.getMessage('locale_code') || i18n.getUILanguage();
  const lookup = (key: string, values: string[]): string => i18n.getMessage(key, values);
  return {
    say: (key, values = []) => lookup(key, values) || key,
    count: (key, count, values) => pluralText(lookup, locale, key, count, values) || key,
  };
}
