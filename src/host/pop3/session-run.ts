/**
 * One attempt at a mailbox session over one connection: connect, greeting, capabilities
 * (RFC 2449), STLS (RFC 2595), sign-in and a first look (STAT), then the caller's work (the
 * check's scan, a preview, a deletion, a test). It learns `ServerFacts` as it goes; when the
 * server needs a fresh connection to go on (it hung up on CAPA, or dropped pipelined commands)
 * it throws `Reconnect` with what it learned, and withMailbox (open-mailbox.ts) tries again.
 */
import type net from 'node:net';
import { PopbiffError } from '../../shared/errors';
import type { ServerSettings } from '../../shared/server';
import { quiet } from './batch';
import { capa } from './commands/capa';
import { type PeekedMessage, peekMessage } from './commands/peek';
import { stat } from './commands/stat';
import { stls } from './commands/stls';
import { uidlOneIfPresent } from './commands/uidl';
import { departing } from './departures';
import type { HeadStart } from './head-start';
import { signInError } from './errors';
import type { Deadlines } from './limits';
import { type Capabilities, parseCapabilities, type UidEntry } from './replies';
import type { ServerFacts } from './server-facts';
import { Pop3Session } from './session';
import type { SessionTrace } from './trace';
import { chooseMethod } from './sign-in/choose';
import { protectedOffer, refuseDowngrade, stronger } from './sign-in/downgrade';
import { greetingTimestamp } from './sign-in/sasl';
import { isOneShot, signIn, type SignInRequest } from './sign-in/sign-in';
import { connectFor, describeTls, type Endpoint, endpointOf, upgradeToTls } from './transport';

/** Not an error: "try again on a new connection, knowing this". Never leaves checkMailbox. */
export class Reconnect extends Error {
  constructor(readonly facts: ServerFacts) {
    super('reconnect');
  }
}

/** What STAT and the first look at the maildrop showed, right after sign-in. */
export interface FirstLook {
  count: number;
  size: number;
  /** UIDL of message number `known.uids.length`, when asked for and present. */
  atKnownCount: UidEntry | undefined;
  /**
   * Message number `known.uids.length + 1`, read ahead in the same packet when pipelining: the
   * commonest new mail, one message, then needs no second round trip (scan.ts).
   */
  next: PeekedMessage | undefined;
  /** Capabilities after sign-in (per-user LOGIN-DELAY, EXPIRE: RFC 2449 §6.5), else before. */
  capabilities: Capabilities | undefined;
}

/**
 * The part of a remembered mailbox the session reads (the check's KnownMailbox has it): the
 * count for the first look, the facts to skip probing, and whether UIDs are fingerprints.
 */
export interface RememberedMailbox {
  uids: readonly string[];
  serverFacts?: ServerFacts | undefined;
  fingerprints?: boolean | undefined;
}

/** What opening and signing in to a mailbox needs; every operation (check, preview, ...) extends it. */
export interface SessionRequest {
  server: ServerSettings;
  /** The password, or the OAuth access token when `server.auth` is xoauth2/oauthbearer. */
  password: string;
  /** What the previous check remembered; lets the first look ask `UIDL <known count>`. */
  known?: RememberedMailbox | undefined;
  /** Receives each transcript line (secrets already masked). */
  onTranscript?: ((line: string) => void) | undefined;
  /** Records phases, TLS details and the sign-in method (test-account). */
  trace?: SessionTrace | undefined;
  /** A connection already on its way, for the first attempt (head-start.ts). */
  headStart?: HeadStart | undefined;
}

/** The part after sign-in; it must QUIT (or close) the session itself. */
export type SignedInWork<T> = (session: Pop3Session, look: FirstLook, facts: ServerFacts) => Promise<T>;

export class SessionRun {
  private session: Pop3Session | undefined;
  private expired: PopbiffError | undefined;
  private facts: ServerFacts;
  /** True when the facts came from an earlier check (so probing can be skipped). */
  private readonly remembered: boolean;

  constructor(
    private readonly request: SessionRequest,
    private readonly deadlines: Deadlines,
    facts: ServerFacts | undefined,
  ) {
    this.remembered = facts !== undefined;
    this.facts = facts ?? { capa: true, pipelining: false, uidl: true };
  }

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
    const task = quiet(work());
    try {
      return await Promise.race([task, expiry]);
    } finally {
      clearTimeout(timer);
      this.release();
    }
  }

  /** Closes the connection, unless a QUIT is on its way: its reply closes it (departures.ts). */
  private release(): void {
    const goodbye = this.session?.leaving;
    if (goodbye === undefined) this.session?.close();
    else departing(this.request.server, goodbye);
  }

  async run<T>(work: SignedInWork<T>): Promise<T> {
    const session = await this.open();
    try {
      return await this.converse(session, work);
    } catch (error) {
      // Say goodbye when the connection still works (RFC 1939 §6): the lock goes at once.
      await session.quit();
      throw error;
    }
  }

  private get endpoint(): Endpoint {
    return endpointOf(this.request.server);
  }

  private get secure(): boolean {
    return this.request.server.security !== 'plain';
  }

  private async open(): Promise<Pop3Session> {
    const socket: net.Socket =
      (await this.request.headStart?.take()) ??
      (await connectFor(this.endpoint, this.request.server.security, this.deadlines));
    if (this.expired) {
      socket.destroy();
      throw this.expired;
    }
    this.session = new Pop3Session(socket, this.deadlines.command, this.request.onTranscript);
    this.request.trace?.phase('connect');
    return this.session;
  }

  private async converse<T>(session: Pop3Session, work: SignedInWork<T>): Promise<T> {
    const trace = this.request.trace;
    const greeting = await session.greeting();
    trace?.phase('greeting');
    if (!greeting.ok) throw signInError(greeting, { authRespCode: false });
    let capabilities = await this.capabilitiesBeforeSignIn(session);
    trace?.phase('capabilities');
    if (this.request.server.security === 'starttls') {
      await stls(session, (plain) => upgradeToTls(plain, this.endpoint, this.deadlines.tls));
      trace?.phase('stls');
      // RFC 2595 §4: what was learned before TLS may have been forged; ask again.
      capabilities = await this.capabilitiesBeforeSignIn(session, true);
      trace?.phase('capabilities after STLS');
    }
    if (trace) {
      trace.tls = describeTls(session.tlsSocket);
      trace.capabilities = capabilities?.lines;
    }
    const look = await this.signInAndLook(session, capabilities, greetingTimestamp(greeting.text));
    trace?.phase('sign-in and STAT');
    return work(session, look, this.facts);
  }

  /**
   * CAPA, unless an earlier check remembered the answer. Only what the server says on the
   * connection used for signing in counts (after STLS: RFC 2595 §4); before STLS, remembered
   * facts make CAPA unnecessary, since STLS itself is the question.
   */
  private async capabilitiesBeforeSignIn(session: Pop3Session, afterTls = false): Promise<Capabilities | undefined> {
    if (!this.facts.capa) return undefined;
    const final = afterTls || this.request.server.security !== 'starttls';
    if (this.remembered) return final ? remembered(this.facts) : undefined;
    const capabilities = await this.probeCapa(session);
    if (final) this.facts = { ...this.facts, capabilities: capabilities?.lines };
    return capabilities;
  }

  /** RFC 2449 §5; -ERR means a plain RFC 1939 server. A hang-up means: reconnect without CAPA. */
  private async probeCapa(session: Pop3Session): Promise<Capabilities | undefined> {
    let capabilities: Capabilities | undefined;
    try {
      capabilities = await capa(session);
    } catch (error) {
      if (
        error instanceof PopbiffError &&
        (error.code === 'PROTOCOL_ERROR' || error.code === 'CONNECT_FAILED') &&
        !session.healthy
      ) {
        const { uidl, protectedMethod } = this.facts;
        throw new Reconnect({ capa: false, pipelining: false, uidl, protectedMethod });
      }
      throw error;
    }
    this.facts = {
      ...this.facts,
      capa: capabilities !== undefined,
      pipelining: capabilities?.has('PIPELINING') ?? false,
    };
    return capabilities;
  }

  private signInRequest(capabilities: Capabilities | undefined, timestamp: string | undefined): SignInRequest {
    const { server } = this.request;
    const offered = protectedOffer(capabilities, timestamp);
    // Only `auto` falls back by itself; a method the user chose stays theirs (see downgrade.ts).
    if (!this.secure && (server.auth ?? 'auto') === 'auto') refuseDowngrade(this.facts.protectedMethod, offered);
    this.facts = { ...this.facts, protectedMethod: stronger(this.facts.protectedMethod, offered) };
    const method = chooseMethod({
      requested: server.auth,
      capabilities,
      timestamp,
      secure: this.secure,
      allowPlaintext: server.allowPlaintext,
    });
    if (this.request.trace) this.request.trace.method = method;
    return {
      method,
      username: server.username,
      secret: this.request.password,
      timestamp,
      host: server.host,
      port: server.port,
      context: {
        authRespCode: capabilities?.has('AUTH-RESP-CODE') ?? false,
        loginDelaySeconds: capabilities?.loginDelaySeconds,
      },
    };
  }

  /**
   * Sign-in, STAT, `UIDL <known count>`, a peek at the message after it and CAPA again
   * (per-user values). With PIPELINING and a one-shot sign-in, all of it leaves in one packet
   * (RFC 2449 §6.6): one round trip.
   */
  private async signInAndLook(
    session: Pop3Session,
    capabilities: Capabilities | undefined,
    timestamp: string | undefined,
  ): Promise<FirstLook> {
    const request = this.signInRequest(capabilities, timestamp);
    const pipelined = this.facts.pipelining && isOneShot(request);
    const knownCount = this.request.known?.uids.length ?? 0;
    const askUid = knownCount > 0 && this.facts.uidl && !this.request.known?.fingerprints;
    // Only where it rides in the same packet: one command at a time it would cost three round trips.
    const peek = askUid && pipelined;
    // STAT first: its single-line reply is what the stall probe below relies on.
    const steps = [
      () => stat(session),
      () => (askUid ? uidlOneIfPresent(session, knownCount) : Promise.resolve(undefined)),
      () => (peek ? peekMessage(session, knownCount + 1) : Promise.resolve(undefined)),
      () => (this.facts.capa ? capa(session) : Promise.resolve(undefined)),
    ] as const;
    let replies: Promise<
      [{ count: number; size: number }, UidEntry | undefined, PeekedMessage | undefined, Capabilities | undefined]
    >;
    if (pipelined) {
      const signedIn = quiet(signIn(session, request, true));
      replies = quiet(Promise.all([steps[0](), steps[1](), steps[2](), steps[3]()]));
      await signedIn;
      await this.unlessDropped(session, replies);
    } else {
      await signIn(session, request, false);
      replies = (async () => {
        const counted = await steps[0]();
        const entry = await steps[1]();
        const next = await steps[2]();
        return [counted, entry, next, await steps[3]()];
      })();
    }
    const [{ count, size }, entry, next, perUser] = await replies;
    return { count, size, atKnownCount: entry, next, capabilities: perUser ?? capabilities };
  }

  /**
   * Some servers announce PIPELINING but throw away what was pipelined behind the sign-in.
   * When the replies are late, a NOOP tells a dropping server (it answers the NOOP at once, and
   * that "+OK" cannot pass for the STAT reply it is matched with) from a merely slow one (its
   * replies all arrive, the NOOP's last). A dropping server means: reconnect, one command at a
   * time, and remember it.
   */
  private async unlessDropped(session: Pop3Session, replies: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<'stalled'>((resolve) => {
      timer = setTimeout(() => resolve('stalled'), this.deadlines.pipelineStall);
    });
    const first = await Promise.race([
      replies.then(
        () => 'answered' as const,
        () => 'failed' as const,
      ),
      stalled,
    ]);
    clearTimeout(timer);
    if (first !== 'stalled') return;
    const probe = quiet(session.send({ verb: 'NOOP' }));
    const settled = await replies.then(
      () => 'answered' as const,
      (error: unknown) => error,
    );
    if (settled === 'answered') {
      await probe;
      return;
    }
    if (!(settled instanceof PopbiffError) || settled.code !== 'PROTOCOL_ERROR' || !session.healthy) return;
    session.close(new PopbiffError('PROTOCOL_ERROR', 'The server dropped pipelined commands.'));
    throw new Reconnect({ ...this.facts, pipelining: false });
  }
}

function remembered(facts: ServerFacts): Capabilities | undefined {
  return facts.capabilities === undefined ? undefined : parseCapabilities(facts.capabilities);
}
