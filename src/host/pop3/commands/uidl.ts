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
  const entries = await uidlAllIfSupported(session);
  if (entries === undefined) throw refused('UIDL not supported');
  return entries;
}

/** UIDL without argument; undefined when the server refuses it (UIDL is optional in RFC 1939). */
export async function uidlAllIfSupported(session: Pop3Session): Promise<UidEntry[] | undefined> {
  const reply = await session.sendMultiline({ verb: 'UIDL' });
  if (!reply.status.ok) return undefined;
  return parseUidListing(reply.lines);
}

/** UIDL n; undefined on -ERR (no such message any more, or no UIDL at all). */
export async function uidlOneIfPresent(session: Pop3Session, number: number): Promise<UidEntry | undefined> {
  const status = await session.send({ verb: 'UIDL', args: [String(number)] });
  if (!status.ok) return undefined;
  const entry = parseUidLine(status.text);
  if (entry.number !== number)
    throw new PopbiffError('PROTOCOL_ERROR', `The server answered UIDL ${number} for message ${entry.number}.`);
  return entry;
}
