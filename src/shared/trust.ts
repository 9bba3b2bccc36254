import type { MessageSummary } from './mail';

/**
 * Hints for the quick preview about whether a message is who it says it is. Pure, and only from
 * headers the host already decoded; nothing here fetches anything.
 *
 * Authentication-Results (RFC 8601) is only as good as the server that wrote it: a sender can add
 * one of its own, so the hint names the server that claims the result (its authserv-id) and
 * the caller shows it as "reported by …".
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

export interface TrustHints {
  auth: AuthResults | undefined;
  /** Addresses in the display name that differ from the real sender (a spoofing sign). */
  spoofed: string[];
}

export function trustHints(message: Pick<MessageSummary, 'from' | 'headers'>): TrustHints {
  const header = message.headers?.['authentication-results'];
  return { auth: header === undefined ? undefined : parseAuthResults(header), spoofed: spoofedAddresses(message.from) };
}
