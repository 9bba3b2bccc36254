import { numberFormat } from './format';
import { t, uiLanguage } from './i18n';

/**
 * Counted texts. Each is a family of _locales keys, one per CLDR plural category of the
 * language (`popup_newCount_one`, `popup_newCount_few`, … `_other`): English needs one and other,
 * Russian one, few, many and other, French also many (for "1 000 000 de"). Intl.PluralRules
 * picks the category, so no text ever says "message(s)". A unit test checks that every locale
 * holds exactly the categories its language has.
 */
export const PLURAL_KEYS = [
  'popup_newCount',
  'popup_onServer',
  'popup_andMore',
  'delete_pending',
  'rules_wouldMatch',
  'interval_raised',
] as const;

export type PluralKey = (typeof PLURAL_KEYS)[number];

const rules = new Map<string, Intl.PluralRules>();

/** The CLDR category of `count` in `locale` ("one", "few", "many", "other", …). */
export function pluralCategory(count: number, locale: string): Intl.LDMLPluralRule {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule.select(count);
}

/**
 * The text of `key` for `count`, in the UI language. $1 is the count unless `substitutions` says
 * otherwise (then `count` only picks the form: "1 of 5 messages" agrees with the 5). Numbers are
 * formatted for the locale. A category the catalog lacks falls back to `_other`.
 */
export function plural(key: PluralKey, count: number, substitutions: (string | number)[] = [count]): string {
  const language = uiLanguage();
  const values = substitutions.map((value) =>
    typeof value === 'number' ? numberFormat(language).format(value) : value,
  );
  const exact = `${key}_${pluralCategory(count, language)}`;
  const text = t(exact, values);
  return text === exact ? t(`${key}_other`, values) : text;
}
