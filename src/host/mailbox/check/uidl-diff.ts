/**
 * Which messages are new: a pure comparison of this session's UIDL listing with the UIDs
 * remembered from the previous check. Message numbers are per-session; only UIDs are stable
 * (RFC 1939 §7), and two identical messages may share one UID, so UIDs are counted, not set.
 */
import type { FirstCheck } from '../../../shared/server';
import { FIRST_CHECK_ALL_NEW_MAX } from '../../pop3/limits';
import type { UidEntry } from '../../pop3/replies';

export interface UidlDiffInput {
  present: readonly UidEntry[];
  /** UIDs from the previous check, in maildrop order; undefined on a first check. */
  known?: readonly string[] | undefined;
  /** UIDs the extension still shows as new. */
  watch: readonly string[];
  firstCheck?: FirstCheck | undefined;
}

export interface UidlDiff {
  /** New messages, newest (highest message number) first. */
  fresh: UidEntry[];
  /** Watched UIDs no longer on the server. */
  gone: string[];
  /** True when there was nothing to compare with. */
  baseline: boolean;
}

export function diffUidl(input: UidlDiffInput): UidlDiff {
  const presentUids = new Set(input.present.map((e) => e.uid));
  const gone = input.watch.filter((uid) => !presentUids.has(uid));
  if (input.known === undefined) {
    return { fresh: newestFirst(firstCheckNew(input.present, input.firstCheck ?? 'auto')), gone, baseline: true };
  }
  return { fresh: newestFirst(unseen(input.present, input.known)), gone, baseline: false };
}

function firstCheckNew(present: readonly UidEntry[], mode: FirstCheck): readonly UidEntry[] {
  return firstCheckTakesAll(present.length, mode) ? present : [];
}

/** The first-check rule: with nothing to compare with, are all `count` messages new, or none? */
export function firstCheckTakesAll(count: number, mode: FirstCheck): boolean {
  if (mode === 'all-new') return true;
  if (mode === 'baseline') return false;
  // Mail kept on the server for years would otherwise flood the user on the first check.
  return count <= FIRST_CHECK_ALL_NEW_MAX;
}

/** Entries beyond the remembered count of their UID; the older (lower-numbered) ones match first. */
function unseen(present: readonly UidEntry[], known: readonly string[]): UidEntry[] {
  const remaining = new Map<string, number>();
  for (const uid of known) remaining.set(uid, (remaining.get(uid) ?? 0) + 1);
  const ordered = [...present].sort((a, b) => a.number - b.number);
  return ordered.filter((entry) => {
    const left = remaining.get(entry.uid) ?? 0;
    if (left === 0) return true;
    remaining.set(entry.uid, left - 1);
    return false;
  });
}

function newestFirst(entries: readonly UidEntry[]): UidEntry[] {
  return [...entries].sort((a, b) => b.number - a.number);
}
