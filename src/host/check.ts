import type { CheckResult } from '../shared/mail';
import { type MailboxRequest, withMailbox } from './pop3/open-mailbox';
import { scanMailbox } from './pop3/scan';
import type { ServerFacts } from './pop3/server-facts';

export type { ServerFacts } from './pop3/server-facts';

/**
 * What the host remembers of one mailbox between checks (persisted as JSON by the state store).
 * The remembered count is `uids.length` and the last UID `uids.at(-1)`, which is all the O(1)
 * no-new check needs; the optional fields only make the next check faster or safer.
 */
export interface KnownMailbox {
  /** UIDs seen at the previous check, in maildrop order (header fingerprints when `fingerprints`). */
  uids: string[];
  /** Epoch ms of the last full UIDL diff; absent means "due now" (see pop3/scan-plan.ts). */
  lastFullScanAt?: number | undefined;
  /** What the server showed it can do, so the next check skips probing. */
  serverFacts?: ServerFacts | undefined;
  /** True when the server has no UIDL and `uids` hold fingerprints of the newest messages. */
  fingerprints?: boolean | undefined;
}

/** The session part (server, password, known, deadlines, transcript, trace) is in MailboxRequest. */
export interface CheckRequest extends MailboxRequest {
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
export function checkMailbox(request: CheckRequest): Promise<CheckOutcome> {
  return withMailbox(request, (session, look, facts) => scanMailbox(session, request, look, facts));
}
