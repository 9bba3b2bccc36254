import { PopbiffError } from '../../../shared/errors';
import { parseUidLine, parseUidListing, quote, type UidEntry } from '../replies';
import type { Pop3Session } from '../session';

function refused(text: string): PopbiffError {
  return new PopbiffError(
    'PROTOCOL_ERROR',
    `The server refused UIDL, which Popbiff needs to tell new mail from old: "${quote(text)}".`,
  );
}

/** UIDL without argument (RFC 1939 §7): every message's number and unique id. */
export async function uidlAll(session: Pop3Session): Promise<UidEntry[]> {
  const reply = await session.sendMultiline({ verb: 'UIDL' });
  if (!reply.status.ok) throw refused(reply.status.text);
  return parseUidListing(reply.lines);
}

/** UIDL n: one message's unique id. */
export async function uidlOne(session: Pop3Session, number: number): Promise<UidEntry> {
  const status = await session.send({ verb: 'UIDL', args: [String(number)] });
  if (!status.ok) throw refused(status.text);
  return parseUidLine(status.text);
}
