import { PopbiffError } from '../../../shared/errors';
import { parseListing, quote } from '../replies';
import type { Pop3Session } from '../session';

/** LIST without argument (RFC 1939 §5): each message's size in octets, by message number. */
export async function listSizes(session: Pop3Session): Promise<Map<number, number>> {
  const reply = await session.sendMultiline({ verb: 'LIST' });
  if (!reply.status.ok) throw new PopbiffError('PROTOCOL_ERROR', `The server refused LIST: "${quote(reply.status.text)}".`);
  return new Map(parseListing(reply.lines).map((e) => [e.number, e.size]));
}
