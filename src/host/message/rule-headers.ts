/**
 * The optional rule inputs of a summary (`to`, `cc`, `headers`): recipients and a fixed
 * selection of other headers that rules and the popup's trust hints read. A plain line scan, so
 * the fast path in header-summary.ts stays fast; only To/Cc go through the address parser.
 */
import { addressParser, decodeWords, type Address } from 'postal-mime';
import { HEADER_LIMITS, MAX_EXTRA_HEADERS, MAX_RECIPIENTS, type Mailbox } from '../../shared/mail';

/**
 * The headers kept, lowercase. Only these cross to the extension: a fixed list keeps every
 * summary small (at most MAX_EXTRA_HEADERS values of HEADER_LIMITS.headerValue), whatever the mail.
 */
export const RULE_HEADERS: readonly string[] = [
  'list-id',
  'x-spam-flag',
  'x-spam-status',
  'x-spam-score',
  'x-spam-level',
  'authentication-results',
  'reply-to',
  'sender',
  'return-path',
  'delivered-to',
  'x-original-to',
  'x-priority',
  'importance',
  'priority',
  'precedence',
  'auto-submitted',
  'x-mailer',
  'user-agent',
  'organization',
];
if (RULE_HEADERS.length > MAX_EXTRA_HEADERS) throw new Error('RULE_HEADERS is longer than MAX_EXTRA_HEADERS');

const WANTED: ReadonlySet<string> = new Set(RULE_HEADERS);

export interface RuleInputs {
  to: Mailbox[];
  cc: Mailbox[];
  headers: Record<string, string>;
}

/** How header-summary.ts makes text safe and short; passed in so every field is cleaned one way. */
export type Cleaner = (text: string, max: number) => string;

/** `text`: the header section, already decoded to Unicode (8-bit bytes handled by the caller). */
export function ruleInputs(text: string, clean: Cleaner): RuleInputs {
  const fields = firstFields(text);
  const headers: Record<string, string> = {};
  for (const [name, value] of fields) {
    if (WANTED.has(name)) headers[name] = clean(decodeWords(value), HEADER_LIMITS.headerValue);
  }
  return { to: mailboxes(fields.get('to'), clean), cc: mailboxes(fields.get('cc'), clean), headers };
}

/**
 * Unfolded fields (RFC 5322 §2.2.3), the first occurrence of each name. The first is the
 * topmost, written by the receiving server: the one to believe for Authentication-Results, as
 * anything below it may come from the sender (RFC 8601 §5).
 */
function firstFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let name = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      const previous = fields.get(name);
      if (previous !== undefined && name !== '') fields.set(name, `${previous} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    // Only what is kept; a later duplicate's continuation lines must not extend the first one.
    name = (WANTED.has(key) || key === 'to' || key === 'cc') && !fields.has(key) ? key : '';
    if (name !== '') fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** Group members count as recipients too (`team: a@x, b@x;`); at most MAX_RECIPIENTS. */
function mailboxes(value: string | undefined, clean: Cleaner): Mailbox[] {
  if (value === undefined) return [];
  const flat = addressParser(value).flatMap((entry: Address) =>
    'group' in entry && entry.group ? entry.group : [entry],
  );
  return flat
    .map((entry) => ({
      name: clean(entry.name, HEADER_LIMITS.name),
      address: clean(entry.address ?? '', HEADER_LIMITS.address),
    }))
    .filter((mailbox) => mailbox.name !== '' || mailbox.address !== '')
    .slice(0, MAX_RECIPIENTS);
}
