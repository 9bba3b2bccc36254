/**
 * A fast path for the header blocks most mail has: plain ASCII, no encoded words, no folding,
 * one From/Subject/Date/Message-ID each, and a From of the form `Name <addr>`, `"Name" <addr>`
 * or `addr`. Those need no MIME parser (which costs about half a millisecond per message);
 * anything else returns undefined and goes to the full parser in header-summary.ts. A property test
 * checks that both give the same summary wherever the fast path answers.
 */
export interface SimpleHeaders {
  from?: { name?: string | undefined; address?: string | undefined } | undefined;
  subject?: string | undefined;
  date?: string | undefined;
  messageId?: string | undefined;
}

const FIELDS: Record<string, keyof SimpleHeaders> = {
  from: 'from',
  subject: 'subject',
  date: 'date',
  'message-id': 'messageId',
};
const ADDRESS = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+";
const NAME_ADDR = new RegExp(`^(?:"([^"\\\\]*)"|([A-Za-z0-9 \\t'_-]*?))[ \\t]*<(${ADDRESS})>$`);
const BARE_ADDR = new RegExp(`^<?(${ADDRESS})>?$`);

export function parseSimpleHeaders(block: Buffer): SimpleHeaders | undefined {
  const text = block.toString('latin1');
  // Only printable ASCII, tabs and line ends; no encoded words (RFC 2047), no escapes.
  if (/[^\x20-\x7e\t\r\n]|=\?|\\/.test(text)) return undefined;
  const found: Partial<Record<keyof SimpleHeaders, string>> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line)) return undefined;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const field = FIELDS[line.slice(0, colon).toLowerCase()];
    if (field === undefined) continue;
    if (found[field] !== undefined) return undefined;
    found[field] = line.slice(colon + 1).trim();
  }
  const from = found.from === undefined ? undefined : simpleFrom(found.from);
  if (found.from !== undefined && from === undefined) return undefined;
  return { from, subject: found.subject, date: found.date, messageId: found.messageId };
}

function simpleFrom(value: string): { name: string; address: string } | undefined {
  const bare = BARE_ADDR.exec(value);
  if (bare) return { name: '', address: bare[1] ?? '' };
  const named = NAME_ADDR.exec(value);
  if (!named) return undefined;
  return { name: (named[1] ?? named[2] ?? '').trim(), address: named[3] ?? '' };
}
