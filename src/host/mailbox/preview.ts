/**
 * The popup's quick look at one message: sign in, UIDL to find the message's number in this
 * session (RFC 1939 §7), `TOP n k` for its first k body lines, QUIT. Never RETR, which some
 * providers (Gmail) treat as "downloaded" and hide from other clients.
 */
import type { ResultOf } from '../../shared/protocol';
import { topLines } from '../pop3/commands/top-lines';
import { uidlAll } from '../pop3/commands/uidl';
import { type MailboxRequest, withMailbox } from '../pop3/open-mailbox';
import type { Pop3Session } from '../pop3/session';
import { matchUids } from './uid-map';
import { bodyText } from '../message/body-text';

export type PreviewResult = ResultOf<'preview'>;

export interface PreviewRequest extends MailboxRequest {
  uid: string;
  /** Body lines to fetch (0..200). */
  lines: number;
}

export function previewMessage(request: PreviewRequest): Promise<PreviewResult> {
  return withMailbox(request, (session) => previewInSession(session, request));
}

async function previewInSession(session: Pop3Session, { uid, lines }: PreviewRequest): Promise<PreviewResult> {
  const notFound: PreviewResult = { uid, found: false, text: '', truncated: false };
  const match = matchUids(await uidlAll(session), [uid]);
  const number = match.unique.get(uid);
  // A UID shared by several messages names none of them for sure: show nothing rather than the wrong one.
  if (number === undefined) return quitWith(session, notFound);
  const reply = await topLines(session, number, lines);
  await session.quit();
  if (!reply) return notFound;
  const { text, cut } = await bodyText(reply.raw);
  // All k requested lines came back: the body may well go on.
  const truncated = cut || reply.capped || reply.bodyLines >= lines;
  return { uid, found: true, text, truncated };
}

async function quitWith<T>(session: Pop3Session, result: T): Promise<T> {
  await session.quit();
  return result;
}
