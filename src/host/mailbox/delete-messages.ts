/**
 * Deleting messages on the server, by UID. UIDL is read again in the same session, so message
 * numbers are this session's own (another client may have deleted mail since the last check);
 * only UIDs held by exactly one message are deleted, and nothing is deleted until QUIT succeeds
 * (RFC 1939 §6: the UPDATE state). Any failure before that drops the connection without QUIT,
 * which deletes nothing. A QUIT sent but not answered +OK leaves the outcome open: those UIDs
 * are reported `unconfirmed`, for the next check to settle.
 */
import { PopbiffError } from '../../shared/errors';
import type { ResultOf } from '../../shared/protocol';
import { runBatch } from '../pop3/batch';
import { dele } from '../pop3/commands/dele';
import { uidlAll } from '../pop3/commands/uidl';
import { type MailboxRequest, withMailbox } from '../pop3/open-mailbox';
import type { ServerFacts } from '../pop3/server-facts';
import type { Pop3Session } from '../pop3/session';
import { pausePoint } from '../pause-point';
import { matchUids } from './uid-map';

export type DeleteResult = ResultOf<'delete-messages'>;

export interface DeleteRequest extends MailboxRequest {
  uids: string[];
}

export function deleteMessages(request: DeleteRequest): Promise<DeleteResult> {
  return withMailbox(request, (session, _look, facts) => deleteInSession(session, request.uids, facts));
}

async function deleteInSession(
  session: Pop3Session,
  uids: readonly string[],
  facts: ServerFacts,
): Promise<DeleteResult> {
  try {
    const match = matchUids(await uidlAll(session), uids);
    const chosen = [...match.unique];
    const marked = await runBatch(
      chosen.map(
        ([, number]) =>
          () =>
            dele(session, number),
      ),
      facts.pipelining,
    );
    // A refused DELE (the message vanished under us) means it is not there to delete.
    const deleted = chosen.filter((_, i) => marked[i]).map(([uid]) => uid);
    const refused = chosen.filter((_, i) => !marked[i]).map(([uid]) => uid);
    const outcome = { missing: [...match.missing, ...refused], ambiguous: match.ambiguous };
    await pausePoint('before-quit');
    if (await commit(session)) return { deleted, ...outcome };
    return deleted.length === 0 ? { deleted, ...outcome } : { deleted: [], unconfirmed: deleted, ...outcome };
  } catch (error) {
    // No QUIT: a dropped connection leaves the maildrop as it was (RFC 1939 §6).
    session.close();
    throw error;
  }
}

/**
 * QUIT moves the session to UPDATE, where the server removes the marked messages. True: the
 * server confirmed (+OK). False: QUIT went out but its reply was lost or was -ERR ("some
 * deleted messages not removed", RFC 1939 §6), so the messages may or may not be gone: the next
 * check tells. A QUIT that could not be sent at all deleted nothing, and says so.
 */
async function commit(session: Pop3Session): Promise<boolean> {
  if (!session.healthy) {
    throw new PopbiffError(
      'SERVER_TEMPORARY',
      'The connection failed before the deletion; the messages are still there.',
    );
  }
  try {
    const status = await session.send({ verb: 'QUIT' });
    if (status.ok) session.state = 'UPDATE';
    return status.ok;
  } catch {
    return false;
  } finally {
    session.close();
  }
}
