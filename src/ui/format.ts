/**
 * Locale-aware formatting for the popup and the options page. Each function takes `now` and an optional locale so
 * tests are deterministic; the UI passes Date.now() and the browser's UI language (i18n.ts).
 */

/**
 * Building an Intl formatter costs far more than using one, and the popup formats two values per
 * row for hundreds of rows: each formatter is built once per locale and options.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  kind: string,
  locale: string | undefined,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

const dateFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
export const numberFormat = (locale: string | undefined, options: Intl.NumberFormatOptions = {}) =>
  cached('number', locale, options, () => new Intl.NumberFormat(locale, options));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "2 minutes ago", "yesterday", "3 days ago". */
export function relativeTime(at: number, now: number, locale?: string): string {
  const rtf = cached('relative', locale, {}, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return rtf.format(0, 'second');
  if (elapsed < HOUR) return rtf.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return rtf.format(-Math.floor(elapsed / HOUR), 'hour');
  return rtf.format(-Math.floor(elapsed / DAY), 'day');
}

/** "14:05" (or "2:05 PM"): a time of day, in the locale's style. */
export function clockTime(at: number, locale?: string): string {
  return dateFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(at));
}

/**
 * A mail's date, as short as it can be: the time for today, day and month this year, the full
 * date otherwise. Empty when the Date header was missing or unreadable.
 */
export function mailDate(iso: string, now: number, locale?: string): string {
  const time = Date.parse(iso);
  if (iso === '' || Number.isNaN(time)) return '';
  const date = new Date(time);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return clockTime(time, locale);
  const options: Intl.DateTimeFormatOptions =
    date.getFullYear() === today.getFullYear()
      ? { month: 'short', day: 'numeric' }
      : { year: 'numeric', month: 'short', day: 'numeric' };
  return dateFormat(locale, options).format(date);
}

/** A mail's date in full ("Saturday, 1 March 2025 at 12:10"), for the quick preview. */
export function fullDate(iso: string, locale?: string): string {
  const time = Date.parse(iso);
  if (iso === '' || Number.isNaN(time)) return '';
  return dateFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(time);
}

/** A moment within the coming week as weekday and time ("Sat 14:05"), e.g. when a pause ends. */
export function weekdayTime(at: number, locale?: string): string {
  return dateFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(at);
}

/** Octets as "512 B", "14 KB", "2.5 MB" (1 KB = 1024 octets, as mail clients count). */
/** How often, as people write it: "5 min", "10 h", "1 h 30 min" (the symbols read the same in en and es). */
export function intervalText(minutes: number, locale?: string): string {
  const number = numberFormat(locale);
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
  if (hours === 0) return `${number.format(rest)} min`;
  if (rest === 0) return `${number.format(hours)} h`;
  return `${number.format(hours)} h ${number.format(rest)} min`;
}

export function byteSize(octets: number, locale?: string): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = octets;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit >= 2 && value < 10 ? 1 : 0;
  const number = numberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}
