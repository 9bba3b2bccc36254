import { PopbiffError } from '../../../shared/errors';
import { parseStat, quote } from '../replies';
import type { Pop3Session } from '../session';

/** STAT (RFC 1939 §5): how many messages, how many octets. */
export async function stat(session: Pop3Session): Promise<{ count: number; size: number }> {
  const status = await session.send({ verb: 'STAT' });
  if (!status.ok) throw new PopbiffError('PROTOCOL_ERROR', `The server refused STAT: "${quote(status.text)}".`);
  return parseStat(status.text);
}
