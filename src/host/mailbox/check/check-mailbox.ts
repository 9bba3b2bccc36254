import type { ServerSettings } from '../../../shared/server';
import { withMailbox } from '../../pop3/open-mailbox';
import { prepareSecureContext } from '../../pop3/secure-contexts';
import type { CheckOutcome, CheckRequest } from './check-request';
import { scanMailbox } from './scan';

/** One short POP3 session: connect, secure, sign in, STAT/UIDL/TOP, QUIT. Never RETR or DELE. */
export function checkMailbox(request: CheckRequest): Promise<CheckOutcome> {
  return withMailbox(request, (session, look, facts) => scanMailbox(session, request, look, facts));
}

/** What the session's first step needs, built while the check's files are read (secure-contexts.ts). */
export function prepareCheck(server: ServerSettings): void {
  if (server.security !== 'plain') prepareSecureContext(server.caFile);
}
