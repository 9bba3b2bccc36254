/**
 * One reader for the ini-like files mail programs keep: Mozilla's profiles.ini, GLib key files
 * (Evolution's `.source`), KConfig files (KMail's Akonadi resources) and Claws Mail's accountrc.
 * `[Group]` lines open a group, `key=value` lines fill it, `#` and `;` lines are comments.
 */
export type IniGroups = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface IniOptions {
  /** GLib and KConfig escape `\s`, `\n`, `\t`, `\r` and `\\` in values; Mozilla and Claws do not. */
  escapes?: boolean;
}

const ESCAPES: Record<string, string> = { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' };

function unescapeValue(value: string): string {
  // An unknown escape stays as written: better a visible backslash than a lost character.
  return value.replace(/\\(.)/g, (whole, char: string) => ESCAPES[char] ?? whole);
}

export function parseIni(text: string, options: IniOptions = {}): IniGroups {
  const groups = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.slice(1, -1);
      current = groups.get(name) ?? new Map<string, string>();
      groups.set(name, current);
      continue;
    }
    const equals = line.indexOf('=');
    if (current === undefined || equals < 1) continue;
    const value = line.slice(equals + 1).trim();
    // The last of repeated keys wins, as in GLib and KConfig.
    current.set(line.slice(0, equals).trim(), options.escapes ? unescapeValue(value) : value);
  }
  return groups;
}
