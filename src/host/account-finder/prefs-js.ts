/**
 * Thunderbird's prefs.js: lines of `user_pref("name", value);` where the value is a string, an
 * integer or a boolean (the grammar of Mozilla's preference parser, `modules/libpref/parser`).
 * A broken statement is skipped up to its `;`, so one odd line costs only itself.
 */
export type PrefValue = string | number | boolean;

const STATEMENTS = new Set(['user_pref', 'pref', 'sticky_pref']);
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', n: '\n', r: '\r', t: '\t' };

class Scanner {
  at = 0;
  /** Where a string that never closed stopped (its line's end), or -1: that text is not read twice. */
  unclosedAt = -1;
  constructor(readonly text: string) {}

  /** Whitespace and the three comment styles prefs files allow. */
  skipSpace(): void {
    for (;;) {
      const rest = this.text.slice(this.at, this.at + 2);
      if (/^\s/.test(rest)) this.at += 1;
      else if (rest === '//' || rest.startsWith('#')) this.skipPast('\n');
      else if (rest === '/*') this.skipPast('*/');
      else return;
    }
  }

  skipPast(end: string): void {
    const found = this.text.indexOf(end, this.at);
    this.at = found < 0 ? this.text.length : found + end.length;
  }

  /** `pattern` is sticky (flag y): it matches here or not at all, without copying the rest of the file. */
  take(pattern: RegExp): string | undefined {
    this.skipSpace();
    pattern.lastIndex = this.at;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    this.at += match[0].length;
    return match[0];
  }

  string(): string | undefined {
    this.skipSpace();
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'") return undefined;
    let out = '';
    for (let i = this.at + 1; i < this.text.length; i += 1) {
      const char = this.text[i] as string;
      if (char === quote) {
        this.at = i + 1;
        return out;
      }
      if (char === '\n') {
        this.unclosedAt = i;
        return undefined;
      }
      if (char !== '\\') {
        out += char;
        continue;
      }
      const escaped = this.escape(i + 1);
      if (escaped === undefined) {
        this.unclosedAt = i;
        return undefined;
      }
      out += escaped.text;
      i = escaped.end - 1;
    }
    this.unclosedAt = this.text.length;
    return undefined;
  }

  /** `\xHH` and `\uHHHH` (surrogate pairs arrive as two of them and join up in the string). */
  private escape(at: number): { text: string; end: number } | undefined {
    const kind = this.text[at] ?? '';
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined) return { text: simple, end: at + 1 };
    const digits = kind === 'x' ? 2 : kind === 'u' ? 4 : 0;
    const hex = this.text.slice(at + 1, at + 1 + digits);
    if (digits === 0 || !new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) return undefined;
    return { text: String.fromCharCode(Number.parseInt(hex, 16)), end: at + 1 + digits };
  }

  value(): PrefValue | undefined {
    const text = this.string();
    if (text !== undefined) return text;
    const word = this.take(/true|false|[-+]?\d+/y);
    if (word === undefined) return undefined;
    if (word === 'true' || word === 'false') return word === 'true';
    return Number(word);
  }

  /** One `name("key", value[, attributes]);` statement, or undefined when it is broken. */
  statement(): [string, PrefValue] | undefined {
    const name = this.take(/[a-z_]+/y);
    if (name === undefined || !STATEMENTS.has(name) || this.take(/\(/y) === undefined) return undefined;
    const key = this.string();
    if (key === undefined || this.take(/,/y) === undefined) return undefined;
    const value = this.value();
    if (value === undefined) return undefined;
    // Newer default-pref files add attributes such as `locked`; user prefs never do, but allow them.
    while (this.take(/,/y) !== undefined) if (this.take(/[a-z]+/y) === undefined) return undefined;
    if (this.take(/\)/y) === undefined || this.take(/;/y) === undefined) return undefined;
    return [key, value];
  }
}

export function parsePrefs(text: string): ReadonlyMap<string, PrefValue> {
  const prefs = new Map<string, PrefValue>();
  const scanner = new Scanner(text);
  for (scanner.skipSpace(); scanner.at < text.length; scanner.skipSpace()) {
    const start = scanner.at;
    scanner.unclosedAt = -1;
    const statement = scanner.statement();
    if (statement) {
      prefs.set(statement[0], statement[1]);
      continue;
    }
    // A string left open ends the statement where it stopped (strings hold no line breaks);
    // anything else is skipped past its `;`. Either way no text is read twice (linear time).
    if (scanner.unclosedAt >= 0) scanner.at = scanner.unclosedAt + 1;
    else {
      scanner.at = start;
      scanner.skipPast(';');
    }
  }
  return prefs;
}
