import type { ServerSettings } from '../shared/account';
import { PopbiffError } from '../shared/errors';
import type { CheckResult } from '../shared/mail';
import { DEFAULT_DEADLINES, type Deadlines } from './pop3/limits';
import { Reconnect, SessionRun } from './pop3/session-run';
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

export interface CheckRequest {
  server: ServerSettings;
  /** The password, or the OAuth access token when `server.auth` is xoauth2/oauthbearer. */
  password: string;
  /** Absent on a first check (or when the host's state was lost): everything present is baseline. */
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
  firstCheck?: 'auto' | 'all-new' | 'baseline';
  /** Shorter deadlines for tests; the defaults live in pop3/limits.ts. */
  deadlines?: Partial<Deadlines>;
  /** Receives each transcript line (secrets already masked), e.g. for `doctor` or debugging. */
  onTranscript?: (line: string) => void;
}

export interface CheckOutcome {
  result: Omit<CheckResult, 'stateToken'>;
  known: KnownMailbox;
}

/**
 * Reconnects at most this often within one check: once for a server that hangs up on CAPA,
 * once for one that drops pipelined commands; each lesson is remembered in `serverFacts`.
 */
const MAX_ATTEMPTS = 3;

/** One short POP3 session: connect, secure, sign in, STAT/UIDL/TOP, QUIT. Never RETR or DELE. */
export async function checkMailbox(request: CheckRequest): Promise<CheckOutcome> {
  const { server } = request;
  // Refuse before any byte leaves: the password must not even be at risk (see account.ts).
  if (server.security === 'plain' && !server.allowPlaintext) throw new PopbiffError('PLAINTEXT_REFUSED');
  const deadlines = { ...DEFAULT_DEADLINES, ...request.deadlines };
  const started = Date.now();
  let facts = request.known?.serverFacts;
  for (let attempt = 1; ; attempt++) {
    // The whole check shares one deadline, reconnects included.
    const remaining = deadlines.check - (Date.now() - started);
    const run = new SessionRun(request, { ...deadlines, check: Math.max(remaining, 1) }, facts);
    try {
      return await run.withDeadline(() => run.check());
    } catch (error) {
      if (!(error instanceof Reconnect) || attempt >= MAX_ATTEMPTS) throw unwrap(error);
      facts = error.facts;
    }
  }
}

function unwrap(error: unknown): unknown {
  return error instanceof Reconnect ? new PopbiffError('PROTOCOL_ERROR', 'The server kept closing the connection.') : error;
}
