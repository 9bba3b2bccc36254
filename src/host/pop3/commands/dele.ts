import type { Pop3Session } from '../session';

/**
 * DELE n (RFC 1939 §5): marks one message deleted; the server removes it only in the UPDATE
 * state, after a successful QUIT (RFC 1939 §6). The only place Popbiff sends DELE: it is
 * called by delete-messages.ts alone, with numbers from a UIDL of the same session.
 */
export async function dele(session: Pop3Session, number: number): Promise<boolean> {
  const status = await session.send({ verb: 'DELE', args: [String(number)] });
  return status.ok;
}
