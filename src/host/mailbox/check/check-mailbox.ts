import { withMailbox } from '../../pop3/open-mailbox';
import type { CheckOutcome, CheckRequest } from './check-request';
import { scanMailbox } from './scan';

/** One short POP3 session: connect, secure, sign in, STAT/UIDL/TOP, QUIT. Never RETR or DELE. */
export function checkMailbox(request: CheckRequest): Promise<CheckOutcome> {
  return withMailbox(request, (session, look, facts) => scanMailbox(session, request, look, facts));
}
