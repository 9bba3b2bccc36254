/**
 * Servers without UIDL: a message is recognised by a fingerprint of its headers and size
 * (Message-ID, Date, From, Subject, octets). Weaker than a UID (two copies of one message look
 * the same), so it is only the fallback, and scanning starts from the newest message.
 */
import { createHash } from 'node:crypto';
import type { HeaderSummary } from '../../message/header-summary';

export const FINGERPRINT_PREFIX = 'fp-';

export function fingerprint(headers: HeaderSummary, size: number): string {
  const material = [headers.messageId, headers.date, headers.from.address, headers.subject, String(size)].join('\n');
  return FINGERPRINT_PREFIX + createHash('sha256').update(material, 'utf8').digest('base64url').slice(0, 32);
}

/**
 * Given fingerprints read newest first, how many of them are new: those before the first one
 * that was remembered. When none was remembered, all scanned ones are new.
 */
export function freshFromNewest(scannedNewestFirst: readonly string[], known: readonly string[]): number {
  const remembered = new Set(known);
  const index = scannedNewestFirst.findIndex((print) => remembered.has(print));
  return index === -1 ? scannedNewestFirst.length : index;
}
