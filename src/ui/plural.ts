import { type PluralKey, pluralText } from '../shared/plural';
import { t, uiLanguage } from './i18n';

/** `t` that answers '' for a key the catalog lacks (t itself shows the key). */
const lookup = (key: string, values: string[]): string => {
  const text = t(key, values);
  return text === key ? '' : text;
};

/** A counted text in the UI language (see shared/plural.ts): `plural('popup_onServer', 42)`. */
export function plural(key: PluralKey, count: number, values?: (string | number)[]): string {
  return pluralText(lookup, uiLanguage(), key, count, values);
}
