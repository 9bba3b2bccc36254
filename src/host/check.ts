import type net from 'node:net';
import type { ServerSettings } from '../shared/account';
import { PopbiffError } from '../shared/errors';
import type { CheckResult, MessageSummary } from '../shared/mail';
import { summarizeHeaders } from './headers';
import { capa } from './pop3/commands/capa';
import { listSizes } from './pop3/commands/list';
import { stat } from './pop3/commands/stat';
import { stls } from './pop3/commands/stls';
import { topHeaders } from './pop3/commands/top';
import { uidlAll } from './pop3/commands/uidl';
import { userPass } from './pop3/commands/user-pass';
import { signInError } from './pop3/errors';
import { DEFAULT_DEADLINES, type Deadlines } from './pop3/limits';
import type { Capabilities, UidEntry } from './pop3/replies';
import { Pop3Session } from './pop3/session';
import { connectPlain, connectTls, type Endpoint, upgradeToTls } from './pop3/transport';
import { diffUidl } from './pop3/uidl-diff';

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
  /** Shorter deadlines for tests; the defaults live in pop3/limits.ts. */
  deadlines?: Partial<Deadlines>;
  /** Receives each transcript line (secrets already masked), e.g. for `doctor` or debugging. */
  onTranscript?: (line: string) => void;
}

export interface CheckOutcome {
  result: Omit<CheckResult, 'stateToken'>;
  known: KnownMailbox;
}

/** One short POP3 session: connect, secure, sign in, STAT/UIDL/TOP, QUIT. Never RETR or DELE. */
export async function checkMailbox(request: CheckRequest): Promise<CheckOutcome> {
  const { server } = request;
  // Refuse before any byte leaves: the password must not even be at risk (see account.ts).
  if (server.security === 'plain' && !server.allowPlaintext) throw new PopbiffError('PLAINTEXT_REFUSED');
  const deadlines = { ...DEFAULT_DEADLINES, ...request.deadlines };
  const run = new Run(request, deadlines);
  return run.withDeadline(() => run.check());
}

/** The state of one check, so the overall deadline can close whatever is open at the time. */
class Run {
  private session: Pop3Session | undefined;
  private expired: PopbiffError | undefined;

  constructor(
    private readonly request: CheckRequest,
    private readonly deadlines: Deadlines,
  ) {}

  async withDeadline<T>(work: () => Promise<T>): Promise<T> {
    const limit = this.deadlines.check;
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.expired = new PopbiffError('TIMEOUT', `The check did not finish within ${limit} ms.`);
        this.session?.close(this.expired);
        reject(this.expired);
      }, limit);
    });
    const task = work();
    // The loser of the race must not become an unhandled rejection.
    task.catch(() => {});
    try {
      return await Promise.race([task, expiry]);
    } finally {
      clearTimeout(timer);
      this.session?.close();
    }
  }

  async check(): Promise<CheckOutcome> {
    const session = await this.open();
    try {
      return await this.converse(session);
    } catch (error) {
      // Say goodbye when the connection still works (RFC 1939 §6): the lock goes at once.
      await session.quit();
      throw error;
    }
  }

  private async converse(session: Pop3Session): Promise<CheckOutcome> {
    let capabilities = await this.greetAndProbe(session);
    if (this.request.server.security === 'starttls') {
      await stls(session, (plain) => upgradeToTls(plain, this.endpoint, this.deadlines.tls));
      // RFC 2595 §4: what was learned before TLS may have been forged; ask again.
      capabilities = await capa(session);
    }
    await userPass(
      session,
      { username: this.request.server.username, password: this.request.password },
      { secure: this.request.server.security !== 'plain', allowPlaintext: this.request.server.allowPlaintext, capabilities },
    );
    const outcome = await this.inspect(session, capabilities);
    await session.quit();
    return outcome;
  }

  private get endpoint(): Endpoint {
    const { host, port, caFile } = this.request.server;
    return { host, port, caFile };
  }

  private async open(): Promise<Pop3Session> {
    const socket: net.Socket =
      this.request.server.security === 'tls'
        ? await connectTls(this.endpoint, this.deadlines.connect, this.deadlines.tls)
        : await connectPlain(this.endpoint, this.deadlines.connect);
    if (this.expired) {
      socket.destroy();
      throw this.expired;
    }
    this.session = new Pop3Session(socket, this.deadlines.command, this.request.onTranscript);
    return this.session;
  }

  private async greetAndProbe(session: Pop3Session): Promise<Capabilities | undefined> {
    const greeting = await session.greeting();
    if (!greeting.ok) throw signInError(greeting, { authRespCode: false });
    return capa(session);
  }

  private async inspect(session: Pop3Session, capabilities: Capabilities | undefined): Promise<CheckOutcome> {
    const { count, size } = await stat(session);
    const present = await uidlAll(session);
    const { known, watch, limit, firstCheck } = this.request;
    const diff = diffUidl({ present, known: known?.uids, watch, firstCheck });
    const newMessages = await this.summaries(session, diff.fresh.slice(0, limit));
    const result: CheckOutcome['result'] = {
      count,
      size,
      newCount: diff.fresh.length,
      newMessages,
      gone: diff.gone,
      baseline: diff.baseline,
      capabilities: capabilities?.lines ?? [],
      checkedAt: Date.now(),
    };
    if (capabilities?.loginDelaySeconds !== undefined) result.loginDelaySeconds = capabilities.loginDelaySeconds;
    const inOrder = [...present].sort((a, b) => a.number - b.number);
    return { result, known: { uids: inOrder.map((e) => e.uid) } };
  }

  /** Sizes from one LIST, then TOP n 0 for each message, newest first. */
  private async summaries(session: Pop3Session, entries: UidEntry[]): Promise<MessageSummary[]> {
    const sizes = entries.length > 0 ? await listSizes(session) : new Map<number, number>();
    const summaries: MessageSummary[] = [];
    for (const entry of entries) {
      const block = await topHeaders(session, entry.number);
      const headers = block
        ? await summarizeHeaders(block)
        : { from: { name: '', address: '' }, subject: '', date: '', messageId: '' };
      summaries.push({ uid: entry.uid, number: entry.number, size: sizes.get(entry.number) ?? 0, ...headers });
    }
    return summaries;
  }
}
