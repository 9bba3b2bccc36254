/**
 * Pure parsers for POP3 replies. Anything malformed becomes PROTOCOL_ERROR quoting a short,
 * cleaned-up piece of the reply (never more than QUOTE_MAX characters, never control bytes).
 */
import { PopbiffError } from '../../shared/errors';
import { MAX_CAPABILITIES, MAX_CAPABILITY_LENGTH } from './limits';

const QUOTE_MAX = 100;

export interface Status {
  ok: boolean;
  /** RFC 2449 §8 response code in upper case ("AUTH", "SYS/TEMP", ...), if any. */
  code?: string | undefined;
  /** The text after the status indicator (and after the response code). */
  text: string;
  /** A SASL challenge ("+ base64", RFC 5034 §4) rather than +OK; `text` is the base64. */
  continuation?: boolean;
}

/** Protocol lines are ASCII; latin1 maps every byte to one character so nothing is lost. */
export function lineText(line: Buffer | string): string {
  return typeof line === 'string' ? line : line.toString('latin1');
}

/** A piece of a server reply fit to put in an error message. */
export function quote(text: string): string {
  // Control characters could forge log lines or hide text; show them as "?".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
  const clean = text.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');
  return clean.length > QUOTE_MAX ? `${clean.slice(0, QUOTE_MAX)}…` : clean;
}

export function malformed(what: string, reply: string): PopbiffError {
  return new PopbiffError('PROTOCOL_ERROR', `The server sent a malformed ${what}: "${quote(reply)}".`);
}

/** "+OK text" or "-ERR [CODE] text" (RFC 1939 §3, RFC 2449 §8). */
export function parseStatus(line: Buffer | string): Status {
  const text = lineText(line);
  const match = /^(\+OK|-ERR)(?:[ \t](.*))?$/i.exec(text);
  if (!match) throw malformed('status line', text);
  const ok = match[1]?.toUpperCase() === '+OK';
  const rest = match[2] ?? '';
  const coded = /^\[([A-Za-z0-9/-]{1,64})\][ \t]?(.*)$/.exec(rest);
  if (!coded) return { ok, text: rest };
  return { ok, code: coded[1]?.toUpperCase(), text: coded[2] ?? '' };
}

/** During SASL: "+ challenge" (or a bare "+"), else an ordinary status line. */
export function parseContinuable(line: Buffer | string): Status {
  const text = lineText(line);
  if (/^\+OK(?:[ \t]|$)/i.test(text) || !/^\+(?: |$)/.test(text)) return parseStatus(text);
  return { ok: true, continuation: true, text: text.slice(2).trim() };
}

export interface Capabilities {
  /** Each capability line, tag in upper case, arguments as sent (capped in length). */
  lines: string[];
  /** Minimum seconds between sign-ins (RFC 2449 §6.5), if announced. */
  loginDelaySeconds?: number | undefined;
  /** SASL mechanisms offered (RFC 2449 §6.3, RFC 5034), upper case. */
  saslMechanisms: string[];
  has(tag: string): boolean;
}

/** The body of a CAPA reply (RFC 2449 §5): one capability per line, a tag then arguments. */
export function parseCapabilities(lines: readonly (Buffer | string)[]): Capabilities {
  if (lines.length > MAX_CAPABILITIES) {
    throw new PopbiffError('LIMIT_EXCEEDED', `The server announced more than ${MAX_CAPABILITIES} capabilities.`);
  }
  const parsed = lines.map((l) => lineText(l).trim()).filter((l) => l !== '');
  const normalized = parsed.map((l) => {
    const [tag = '', ...args] = l.split(/[ \t]+/);
    return [tag.toUpperCase(), ...args].join(' ').slice(0, MAX_CAPABILITY_LENGTH);
  });
  const tags = new Set(normalized.map((l) => l.split(' ')[0] ?? ''));
  return {
    lines: normalized,
    loginDelaySeconds: loginDelay(normalized),
    saslMechanisms: saslMechanisms(normalized),
    has: (tag) => tags.has(tag.toUpperCase()),
  };
}

/** "SASL PLAIN LOGIN CRAM-MD5" (RFC 2449 §6.3). */
function saslMechanisms(lines: string[]): string[] {
  const line = lines.find((l) => l.startsWith('SASL '));
  return line
    ? line
        .split(' ')
        .slice(1)
        .map((m) => m.toUpperCase())
        .filter((m) => /^[A-Z0-9_-]{1,20}$/.test(m))
    : [];
}

/** "LOGIN-DELAY 900" or "LOGIN-DELAY 900 USER" (RFC 2449 §6.5); odd values are ignored. */
function loginDelay(lines: string[]): number | undefined {
  const line = lines.find((l) => l.startsWith('LOGIN-DELAY '));
  const match = line ? /^LOGIN-DELAY (\d{1,9})(?: |$)/.exec(line) : null;
  return match ? Number(match[1]) : undefined;
}

function count(digits: string | undefined, what: string, reply: string): number {
  if (digits === undefined || !/^\d{1,15}$/.test(digits)) throw malformed(what, reply);
  return Number(digits);
}

/** "+OK nn mm" (RFC 1939 §5): messages and octets in the maildrop; some servers add text. */
export function parseStat(statusText: string): { count: number; size: number } {
  const [n, size] = statusText.split(/[ \t]+/);
  return { count: count(n, 'STAT reply', statusText), size: count(size, 'STAT reply', statusText) };
}

export interface UidEntry {
  number: number;
  /** 1 to 70 characters in 0x21..0x7E (RFC 1939 §7). */
  uid: string;
}

/** One "n uid" line of UIDL, or the text of a single "+OK n uid" reply. */
export function parseUidLine(line: Buffer | string): UidEntry {
  const text = lineText(line).trim();
  const [n, uid, ...extra] = text.split(/[ \t]+/);
  if (extra.length > 0 || uid === undefined || !/^[\x21-\x7e]{1,70}$/.test(uid)) throw malformed('UIDL line', text);
  const number = count(n, 'UIDL line', text);
  if (number < 1) throw malformed('UIDL line', text);
  return { number, uid };
}

/** The body of UIDL (RFC 1939 §7); each message number appears once. */
export function parseUidListing(lines: readonly (Buffer | string)[]): UidEntry[] {
  const entries = lines.map(parseUidLine);
  const seen = new Set<number>();
  for (const { number } of entries) {
    if (seen.has(number))
      throw new PopbiffError('PROTOCOL_ERROR', `The server listed message ${number} twice in UIDL.`);
    seen.add(number);
  }
  return entries;
}

export interface SizeEntry {
  number: number;
  size: number;
}

/** One "n size" line of LIST, or the text of a single "+OK n size" reply (RFC 1939 §5). */
export function parseListLine(line: Buffer | string): SizeEntry {
  const text = lineText(line).trim();
  const [n, size] = text.split(/[ \t]+/);
  const number = count(n, 'LIST line', text);
  if (number < 1) throw malformed('LIST line', text);
  return { number, size: count(size, 'LIST line', text) };
}
