/**
 * Turns the header block from TOP n 0 into the short, safe summary the popup shows: decoded
 * (RFC 2047 encoded words, folding), cleaned of control characters, and capped in length.
 */
import PostalMime from 'postal-mime';
import { HEADER_LIMITS, type Mailbox } from '../../shared/mail';
import { ruleInputs } from './rule-headers';
import { parseSimpleHeaders, type SimpleHeaders } from './simple-headers';

export interface HeaderSummary {
  from: Mailbox;
  subject: string;
  /** ISO 8601, or '' when missing or unreadable. */
  date: string;
  messageId: string;
  /** Rule inputs (rule-headers.ts); optional, as a message without a header block has none. */
  to?: Mailbox[];
  cc?: Mailbox[];
  headers?: Record<string, string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * windows-1252's 0x80..0x9F (WHATWG Encoding index). Node 20's TextDecoder('windows-1252')
 * decodes those bytes as latin1 control characters, so the table is here.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes)
    text += String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte);
  return text;
}
const CRLF = Buffer.from('\r\n');

export async function summarizeHeaders(block: Buffer): Promise<HeaderSummary> {
  const part = headerPart(block);
  const simple = parseSimpleHeaders(part);
  return simple ? finish(simple, normalizeEightBit(part)) : parseNormalized(normalizeEightBit(part));
}

/** The full MIME parser: encoded words, folding, groups, 8-bit bytes. */
export async function summarizeWithParser(block: Buffer): Promise<HeaderSummary> {
  return parseNormalized(normalizeEightBit(headerPart(block)));
}

/** `normalized` is the header part after normalizeEightBit. */
async function parseNormalized(normalized: Buffer): Promise<HeaderSummary> {
  const email = await PostalMime.parse(Buffer.concat([normalized, CRLF, CRLF]));
  const from = email.from && 'address' in email.from ? email.from : email.from?.group?.[0];
  return finish({ from, subject: email.subject, date: email.date, messageId: email.messageId }, normalized);
}

/** `normalized` is the header part after normalizeEightBit. */
function finish(parsed: SimpleHeaders, normalized: Buffer): HeaderSummary {
  const { from } = parsed;
  return {
    from: {
      name: clean(from?.name ?? '', HEADER_LIMITS.name),
      address: clean(from?.address ?? '', HEADER_LIMITS.address),
    },
    subject: clean(parsed.subject ?? '', HEADER_LIMITS.subject),
    date: isoDate(parsed.date),
    messageId: clean(parsed.messageId ?? '', HEADER_LIMITS.messageId),
    ...ruleInputs(normalized.toString('utf8'), clean),
  };
}

/** Only the header section: TOP n 0 may still include the blank line and nothing after it. */
function headerPart(block: Buffer): Buffer {
  const text = block.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? block : block.subarray(0, end);
}

/**
 * Raw 8-bit header bytes (against RFC 5322, common anyway): each line that is not valid UTF-8
 * is read as windows-1252, the usual culprit, and re-encoded as UTF-8 for the parser.
 */
function normalizeEightBit(block: Buffer): Buffer {
  if (block.every((byte) => byte < 0x80)) return block;
  const lines: Buffer[] = [];
  let start = 0;
  while (start <= block.length) {
    const end = block.indexOf(0x0a, start);
    const line = block.subarray(start, end === -1 ? block.length : end + 1);
    lines.push(isUtf8(line) ? line : Buffer.from(decodeWindows1252(line), 'utf8'));
    if (end === -1) break;
    start = end + 1;
  }
  return Buffer.concat(lines);
}

function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * No control characters (they could break lines in notifications) and no bidirectional
 * overrides (they can make a sender's address read as another one).
 */
export function clean(text: string, max: number): string {
  const plain = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return truncate(plain, max);
}

/** Cuts to `max` UTF-16 units (the shared schema's measure) without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function isoDate(value: string | undefined): string {
  if (!value) return '';
  const time = Date.parse(value);
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}
