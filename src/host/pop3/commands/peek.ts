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
 */
export async function peekMessage(session: Pop3Session, number: number): Promise<PeekedMessage | undefined> {
  const [entry, size, headers] = await Promise.all([
    uidlOneIfPresent(session, number),
    listOne(session, number),
    topHeaders(session, number),
  ]);
  return entry === undefined ? undefined : { entry, size, headers };
}
