import type { FirstCheck } from '../../../shared/server';
import type { CheckResult } from '../../../shared/mail';
import type { MailboxRequest } from '../../pop3/open-mailbox';
import type { KnownMailbox } from './known-mailbox';

/** The session part (server, password, known, deadlines, transcript, trace) is in MailboxRequest. */
export interface CheckRequest extends MailboxRequest {
  /** The whole remembered mailbox (the session only reads its count and server facts). */
  known?: KnownMailbox | undefined;
  /** UIDs the extension still shows; the result says which are gone. */
  watch: string[];
  /** Maximum summaries (TOP n 0) to fetch, newest first. */
  limit: number;
  /**
   * What a first check (no `known`) reports as new: `all-new` everything on the server (the CLI,
   * and people whose client takes mail off the server), `baseline` nothing, `auto` everything
   * only when the maildrop is small (mail left on the server would otherwise flood the user).
   */
  firstCheck?: FirstCheck;
}

export interface CheckOutcome {
  result: Omit<CheckResult, 'stateToken'>;
  known: KnownMailbox;
}
