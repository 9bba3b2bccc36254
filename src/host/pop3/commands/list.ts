import { parseListLine } from '../replies';
import type { Pop3Session } from '../session';

/** LIST n: one message's size; 0 when the server refuses (the size is only shown, never relied on). */
export async function listOne(session: Pop3Session, number: number): Promise<number> {
  const status = await session.send({ verb: 'LIST', args: [String(number)] });
  return status.ok ? parseListLine(status.text).size : 0;
}
