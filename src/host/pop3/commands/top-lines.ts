import { PREVIEW_KEEP, PREVIEW_MAX_LINE, PREVIEW_MAX_TOTAL } from '../limits';
import { joinCrlf } from '../line-reader';
import type { Pop3Session } from '../session';

export interface TopReply {
  /** Header block, blank line and the first body lines, CRLF-joined (a prefix when capped). */
  raw: Buffer;
  /** Body lines the server sent (all of them, even those dropped by the cap). */
  bodyLines: number;
  /** True when the reply was longer than what was kept. */
  capped: boolean;
}

/**
 * TOP n k (RFC 1939 §7): the headers and the first k body lines, without marking the message
 * read (RETR would, e.g. on Gmail). Undefined when the server refuses it.
 */
export async function topLines(session: Pop3Session, number: number, lines: number): Promise<TopReply | undefined> {
  const reply = await session.sendMultiline(
    { verb: 'TOP', args: [String(number), String(lines)] },
    { maxLine: PREVIEW_MAX_LINE, maxTotal: PREVIEW_MAX_TOTAL, keep: PREVIEW_KEEP },
  );
  if (!reply.status.ok) return undefined;
  const kept = reply.lines;
  const blank = kept.findIndex((line) => line.length === 0);
  const bodyLines = blank === -1 ? 0 : kept.length - blank - 1;
  const raw = joinCrlf(kept);
  return { raw, bodyLines, capped: reply.truncated === true };
}
