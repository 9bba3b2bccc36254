/**
 * Windows' `reg.exe query KEY [/s]` output as data. Each key is a line with its full path at the
 * start; each value below it is `    NAME    TYPE    DATA` (four spaces apart; names may hold
 * single spaces). REG_BINARY data is hex, REG_DWORD `0x` hex, REG_SZ the text itself.
 */
export interface RegValue {
  type: string;
  data: string;
}

export interface RegKey {
  path: string;
  values: Map<string, RegValue>;
}

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/** `wanted`: the value names to keep; others (Outlook's encrypted `POP3 Password`) are dropped unread. */
export function parseRegQuery(output: string, wanted?: ReadonlySet<string>): RegKey[] {
  const keys: RegKey[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/.test(line)) {
      keys.push({ path: line.trimEnd(), values: new Map() });
      continue;
    }
    const match = VALUE_LINE.exec(line.trimEnd());
    const key = keys.at(-1);
    if (!match?.[1] || !match[2] || !key || (wanted && !wanted.has(match[1]))) continue;
    key.values.set(match[1], { type: match[2], data: match[3] ?? '' });
  }
  return keys;
}

/** Text from a value: REG_SZ as is; REG_BINARY as the UTF-16LE, NUL-terminated string Outlook writes. */
export function regText(value: RegValue | undefined): string {
  if (value === undefined) return '';
  if (value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ') return value.data;
  if (value.type !== 'REG_BINARY' || !/^(?:[0-9A-Fa-f]{4})*$/.test(value.data)) return '';
  const text = Buffer.from(value.data, 'hex').toString('utf16le');
  const end = text.indexOf('\0');
  return end < 0 ? text : text.slice(0, end);
}

/** A REG_DWORD as a number, or undefined. */
export function regNumber(value: RegValue | undefined): number | undefined {
  if (value?.type !== 'REG_DWORD' || !/^0x[0-9A-Fa-f]{1,8}$/.test(value.data)) return undefined;
  return Number.parseInt(value.data.slice(2), 16);
}
