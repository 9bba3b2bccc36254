import { MAX_HEADER_BLOCK, MAX_MULTILINE_LINE } from '../limits';
import { joinCrlf } from '../line-reader';
import type { Pop3Session } from '../session';

/**
 * TOP n 0 (RFC 1939 §7): the header block of one message, without marking it read (unlike
 * RETR, which e.g. Gmail treats as "popped"). Undefined when the server refuses it.
 */
export async function topHeaders(session: Pop3Session, number: number): Promise<Buffer | undefined> {
  const reply = await session.sendMultiline(
    { verb: 'TOP', args: [String(number), '0'] },
    // Keep only the first MAX_HEADER_BLOCK octets: enough for From/Subject/Date in practice.
    { maxLine: MAX_MULTILINE_LINE, keep: MAX_HEADER_BLOCK },
  );
  if (!reply.status.ok) return undefined;
  return joinCrlf(reply.lines);
}
