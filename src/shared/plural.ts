/**
 * Counted texts, for the pages and the background alike. Each is a family of _locales keys, one
 * per CLDR plural category of the language (`popup_newCount_one`, `popup_newCount_few`, …
 * `_other`): English needs one and other, Russian one, few, many and other, French also many (for
 * "1 000 000 de"). Intl.PluralRules picks the category, so no text ever says "message(s)". A unit
 * test checks that every locale holds exactly the categories its language has.
 */
export const PLURAL_KEYS = [
  'popup_newCount',
  'popup_onServer',
  'popup_andMore',
  'delete_pending',
  'rules_wouldMatch',
  'interval_raised',
  'notify_newMessages',
] as const;

export type PluralKey = (typeof PLURAL_KEYS)[number];

/** A catalog lookup: the text of `key` with its $1…$9 filled in, or '' when the catalog lacks it. */
export type Lookup = (key: string, values: string[]) => string;

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

/** The CLDR category of `count` in `locale` ("one", "few", "many", "other", …). */
export function pluralCategory(count: number, locale: string): Intl.LDMLPluralRule {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule.select(count);
}

function formatNumber(value: number, locale: string): string {
  let format = numbers.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numbers.set(locale, format);
  }
  return format.format(value);
}

/**
 * The text of `key` for `count` in `locale`. $1 is the count unless `values` says otherwise (then
 * `count` only picks the form: "1 of 5 messages" agrees with the 5). Numbers are formatted for the
 * locale. A category the catalog lacks falls back to `_other`.
 */
export function pluralText(
  lookup: Lookup,
  locale: string,
  key: PluralKey,
  count: number,
  values: (string | number)[] = [count],
): string {
  const filled = values.map((value) => (typeof value === 'number' ? formatNumber(value, locale) : value));
  return lookup(`${key}_${pluralCategory(count, locale)}`, filled) || lookup(`${key}_other`, filled);
}
