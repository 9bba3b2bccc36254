import type { UidEntry } from '../replies';
import type { Pop3Session } from '../session';
import { listOne } from './list';
import { topHeaders } from './top';
import { uidlOneIfPresent } from './uidl';

/** One message read ahead: its unique id, size and header block. */
export interface PeekedMessage {
  entry: UidEntry;
  size: number;
  headers: Buffer | undefined;
}

/**
 * UIDL n, LIST n and TOP n 0 (RFC 1939 §7), written together: everything a check shows of
 * message n, or undefined when there is no message n (three -ERR replies).
 *
 * A peek asks about a message that is usually not there, and must not fail a check that never
 * needed it: an answer it cannot read, to any of the three, means "nothing read ahead" while
 * the session is healthy (the session still takes every reply in order). Nor may it pass for
 * pipelining dropped by the server (session-run.ts). The check asks again when the message
 * turns out to exist, and fails there as before.
 */
export async function peekMessage(session: Pop3Session, number: number): Promise<PeekedMessage | undefined> {
  try {
    const [entry, size, headers] = await Promise.all([
      uidlOneIfPresent(session, number),
      listOne(session, number),
      topHeaders(session, number),
    ]);
    return entry === undefined ? undefined : { entry, size, headers };
  } catch (error) {
    if (session.healthy) return undefined;
    throw error;
  }
}
