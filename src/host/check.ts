import type { ServerSettings } from '../shared/account';
import type { CheckResult } from '../shared/mail';

/** What the host remembers of one mailbox between checks (persisted by the state store). */
export interface KnownMailbox {
  /** UIDs seen at the previous check, in maildrop order. */
  uids: string[];
}

export interface CheckRequest {
  server: ServerSettings;
  password: string;
  /** Absent on a first check (or when the host's state was lost): everything present is baseline. */
  known?: KnownMailbox;
  /** UIDs the extension still shows; the result says which are gone. */
  watch: string[];
  /** Maximum summaries (TOP n 0) to fetch, newest first. */
  limit: number;
  /**
   * What a first check (no `known`) reports as new: `all-new` everything on the server (the CLI,
   * and people whose client takes mail off the server), `baseline` nothing, `auto` everything
   * only when the maildrop is small (mail left on the server would otherwise flood the user).
   */
  firstCheck?: 'auto' | 'all-new' | 'baseline';
}

export interface CheckOutcome {
  result: Omit<CheckResult, 'stateToken'>;
  known: KnownMailbox;
}

/** One short POP3 session: connect, secure, sign in, STAT/UIDL/TOP, QUIT. Never RETR or DELE. */
export async function checkMailbox(_request: CheckRequest): Promise<CheckOutcome> {
  throw new Error('checkMailbox: being written (issue 2)');
}
