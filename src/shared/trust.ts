import type { Account } from './account';
import type { MessageSummary } from './mail';

/**
 * Hints for the quick preview about whether a message is who it says it is. Pure, and only from
 * headers the host already decoded; nothing here fetches anything.
 *
 * Authentication-Results (RFC 8601) is only as good as the server that wrote it: a sender can add
 * one of its own. RFC 8601 §5 and §7.1: a receiving server removes headers that claim its own
 * authserv-id, so results count only when their authserv-id is one the account trusts (its
 * provider's, or one the user confirmed); otherwise nothing was verified. The topmost header is
 * the one read (the receiving server writes on top; anything below may be the sender's).
 */

export type AuthMethodName = 'spf' | 'dkim' | 'dmarc';
/** RFC 8601 §2.7 results; anything else is reported as `other`. */
export type AuthOutcome =
  | 'pass'
  | 'fail'
  | 'softfail'
  | 'neutral'
  | 'none'
  | 'temperror'
  | 'permerror'
  | 'policy'
  | 'other';

export interface AuthResults {
  /** Who claims these results (RFC 8601 §2.5), e.g. "mx.example.com". */
  authservId: string;
  results: Partial<Record<AuthMethodName, AuthOutcome>>;
}

const METHODS: readonly AuthMethodName[] = ['spf', 'dkim', 'dmarc'];
const OUTCOMES: readonly AuthOutcome[] = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
  'policy',
];

/** Removes RFC 5322 comments `( … )`, which may nest and may hold `;` or `=`. */
function stripComments(value: string): string {
  let depth = 0;
  let out = '';
  for (const char of value) {
    if (char === '(') depth += 1;
    else if (char === ')' && depth > 0) depth -= 1;
    else if (depth === 0) out += char;
  }
  return out;
}

/** Several results for one method (two DKIM signatures): one pass is enough, else the first. */
function merge(previous: AuthOutcome | undefined, next: AuthOutcome): AuthOutcome {
  if (previous === undefined) return next;
  return previous === 'pass' || next === 'pass' ? 'pass' : previous;
}

/** Parses one Authentication-Results value; undefined when it has no authserv-id. */
export function parseAuthResults(value: string): AuthResults | undefined {
  const [head, ...resinfos] = stripComments(value).split(';');
  // authserv-id may be followed by a version number (RFC 8601 §2.2).
  const authservId = head?.trim().split(/\s+/)[0] ?? '';
  if (authservId === '') return undefined;
  const results: AuthResults['results'] = {};
  for (const resinfo of resinfos) {
    const match = /^\s*([a-z0-9-]+)\s*=\s*([a-z]+)/i.exec(resinfo);
    if (!match) continue;
    const method = (match[1] ?? '').toLowerCase() as AuthMethodName;
    if (!METHODS.includes(method)) continue;
    const raw = (match[2] ?? '').toLowerCase() as AuthOutcome;
    results[method] = merge(results[method], OUTCOMES.includes(raw) ? raw : 'other');
  }
  return { authservId, results };
}

const ADDRESS_IN_TEXT = /[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[a-z]{2,}/gi;

/**
 * The addresses a display name shows that are not the real sender's: `"paypal@paypal.com"
 * <evil@x.ru>` shows paypal@paypal.com. Empty when the name shows none, or only the real one.
 */
export function spoofedAddresses(from: { name: string; address: string }): string[] {
  const real = from.address.trim().toLowerCase();
  const shown = from.name.match(ADDRESS_IN_TEXT) ?? [];
  const foreign = shown.map((address) => address.toLowerCase()).filter((address) => address !== real);
  return [...new Set(foreign)];
}

/**
 * The authserv-ids of providers' receiving servers, by the POP3 server the account reads. Only
 * ids the provider writes exactly (Gmail strips look-alikes of its own); providers whose id
 * varies per host, or that write none (Microsoft), need the user's confirmation instead. Kept
 * here, not in providers.ts, so the popup does not load the whole provider table.
 */
const PROVIDER_AUTHSERV_IDS: Record<string, readonly string[]> = {
  'pop.gmail.com': ['mx.google.com'],
};

/** The authserv-ids whose results count for this account, lower case. */
export function trustedAuthservIds(account: {
  server: Pick<Account['server'], 'host'>;
  trustedAuthservIds?: Account['trustedAuthservIds'];
}): string[] {
  const known = PROVIDER_AUTHSERV_IDS[account.server.host.toLowerCase()] ?? [];
  return [...known, ...(account.trustedAuthservIds ?? [])].map((id) => id.toLowerCase());
}

export interface TrustHints {
  /** Results written by a server the account trusts; undefined when there are none. */
  auth: AuthResults | undefined;
  /** The authserv-id of results that do not count (not a trusted server), for the user to confirm. */
  unverifiedBy: string | undefined;
  /** Addresses in the display name that differ from the real sender (a spoofing sign). */
  spoofed: string[];
}

export function trustHints(message: Pick<MessageSummary, 'from' | 'headers'>, trusted: readonly string[]): TrustHints {
  const header = message.headers?.['authentication-results'];
  const parsed = header === undefined ? undefined : parseAuthResults(header);
  const counts = parsed !== undefined && trusted.includes(parsed.authservId.toLowerCase());
  return {
    auth: counts ? parsed : undefined,
    unverifiedBy: counts ? undefined : parsed?.authservId,
    spoofed: spoofedAddresses(message.from),
  };
}
