import type { MessageSummary } from './mail';

/**
 * Where a click should land in the webmail, and which tabs belong to that webmail site. Pure:
 * the background opens the links, the options page asks for the site's permission.
 */

const GMAIL_HOST = 'mail.google.com';

function parseWebUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The match pattern for every page of the webmail's site, e.g. `https://mail.example.org/*`.
 * Without the port: Firefox's match patterns cannot carry one, and Chrome's match any port
 * when it is left out. Undefined for anything that is not an http(s) URL.
 */
export function webmailPattern(webmailUrl: string): string | undefined {
  const url = parseWebUrl(webmailUrl);
  return url ? `${url.protocol}//${url.hostname}/*` : undefined;
}

/**
 * The link that opens one message: for Gmail a search by Message-ID (`rfc822msgid:`), which
 * lands on that message; elsewhere the webmail itself, as no other webmail has such a link.
 */
export function messageLink(webmailUrl: string, message: Pick<MessageSummary, 'messageId'>): string {
  const url = parseWebUrl(webmailUrl);
  const id = bareMessageId(message.messageId);
  if (!url || url.hostname !== GMAIL_HOST || id === '') return webmailUrl;
  return `https://${GMAIL_HOST}/mail/u/${gmailAccountIndex(url)}/#search/rfc822msgid%3A${encodeURIComponent(id)}`;
}

/** `<id@host>` → `id@host` (RFC 5322 §3.6.4: the angle brackets are not part of the id). */
function bareMessageId(messageId: string): string {
  return messageId
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .trim();
}

/** Gmail numbers the signed-in accounts `/mail/u/0/`, `/mail/u/1/`…; keep the one the user set. */
function gmailAccountIndex(url: URL): string {
  return /^\/mail\/u\/(\d{1,2})(?:\/|$)/.exec(url.pathname)?.[1] ?? '0';
}
