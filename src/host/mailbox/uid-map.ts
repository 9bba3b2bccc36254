import type { UidEntry } from '../pop3/replies';

/** The UIDs asked about, sorted by what this session's UIDL listing says of them. */
export interface UidMatch {
  /** UID → its message number in this session, for UIDs held by exactly one message. */
  unique: Map<string, number>;
  /** Not in the listing. */
  missing: string[];
  /** Held by two or more messages (RFC 1939 §7 forbids it; servers do it anyway). */
  ambiguous: string[];
}

/**
 * Maps UIDs to message numbers using a listing from the same session: numbers are only valid
 * in the session that produced them (RFC 1939 §7), so a number is never carried over. A UID
 * asked for twice is treated once.
 */
export function matchUids(listing: readonly UidEntry[], wanted: readonly string[]): UidMatch {
  const numbers = new Map<string, number[]>();
  for (const { uid, number } of listing) numbers.set(uid, [...(numbers.get(uid) ?? []), number]);
  const match: UidMatch = { unique: new Map(), missing: [], ambiguous: [] };
  for (const uid of new Set(wanted)) {
    const found = numbers.get(uid) ?? [];
    if (found.length === 0) match.missing.push(uid);
    else if (found.length > 1) match.ambiguous.push(uid);
    else match.unique.set(uid, found[0] as number);
  }
  return match;
}
