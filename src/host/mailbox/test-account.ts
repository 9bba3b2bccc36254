/**
 * "Test connection" in the options page: one session that signs in and looks, then QUIT. It
 * never changes the mailbox (no DELE; QUIT without DELE changes nothing, RFC 1939 §6) and never
 * touches the account's stored state. A failed test is a result, not an error: the report and
 * the masked transcript explain what happened.
 */
import { toErrorInfo } from '../../shared/errors';
import type { ResultOf } from '../../shared/protocol';
import { topHeaders } from '../pop3/commands/top';
import { uidlOneIfPresent } from '../pop3/commands/uidl';
import { type MailboxRequest, withMailbox } from '../pop3/open-mailbox';
import type { Pop3Session } from '../pop3/session';
import type { FirstLook } from '../pop3/session-run';
import { SessionTrace } from '../pop3/trace';
import { connectionReport, type SignedInFacts } from './connection-report';
import { Transcript } from './transcript';

export type TestAccountResult = ResultOf<'test-account'>;

export async function testAccount(request: MailboxRequest): Promise<TestAccountResult> {
  const trace = new SessionTrace();
  const transcript = new Transcript(request.password, request.server.username);
  // No `known`: the test probes from scratch, as a first check would.
  const traced: MailboxRequest = {
    server: request.server,
    password: request.password,
    deadlines: request.deadlines,
    trace,
    onTranscript: transcript.add,
  };
  try {
    const found = await withMailbox(traced, look);
    trace.phase('look and QUIT');
    return { ok: true, report: connectionReport(trace, transcript, found), transcript: transcript.shown };
  } catch (error) {
    trace.phase('until the failure');
    return {
      ok: false,
      error: toErrorInfo(error),
      report: connectionReport(trace, transcript),
      transcript: transcript.shown,
    };
  }
}

/** STAT was already read; without CAPA, probe UIDL and TOP on message 1 (both read-only). */
async function look(session: Pop3Session, first: FirstLook): Promise<SignedInFacts> {
  const found: SignedInFacts = { count: first.count };
  if (first.capabilities === undefined && first.count > 0) {
    found.uidl = (await uidlOneIfPresent(session, 1)) !== undefined;
    found.top = (await topHeaders(session, 1)) !== undefined;
  }
  await session.quit();
  return found;
}
