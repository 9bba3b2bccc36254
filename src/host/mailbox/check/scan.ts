/**
 * The transaction part of a check (RFC 1939 §5): decide from the first look what to read
 * (scan-plan.ts), read exactly that, fetch `TOP n 0` for the new messages only (newest first,
 * capped), and say goodbye. With PIPELINING each phase is one batch, QUIT included.
 */
import { PopbiffError } from '../../../shared/errors';
import { MAX_NEW_SUMMARIES, type MessageSummary } from '../../../shared/mail';
import type { CheckOutcome, CheckRequest } from './check-request';
import type { KnownMailbox } from './known-mailbox';
import { type HeaderSummary, summarizeHeaders } from '../../message/header-summary';
import { quiet, runBatch, type Step } from '../../pop3/batch';
import { listOne } from '../../pop3/commands/list';
import { topHeaders } from '../../pop3/commands/top';
import { uidlAllIfSupported, uidlOneIfPresent } from '../../pop3/commands/uidl';
import { fingerprint, freshFromNewest } from './fingerprint';
import { FINGERPRINT_KEEP, FINGERPRINT_PAGE, FINGERPRINT_SCAN_MAX } from '../../pop3/limits';
import type { UidEntry } from '../../pop3/replies';
import { planScan } from './scan-plan';
import type { ServerFacts } from '../../pop3/server-facts';
import type { Pop3Session } from '../../pop3/session';
import type { FirstLook } from '../../pop3/session-run';
import type { PeekedMessage } from '../../pop3/commands/peek';
import { diffUidl, firstCheckTakesAll } from './uidl-diff';

const NO_HEADERS: HeaderSummary = { from: { name: '', address: '' }, subject: '', date: '', messageId: '' };

function headersOf(block: Buffer | undefined): Promise<HeaderSummary> {
  return block ? summarizeHeaders(block) : Promise.resolve(NO_HEADERS);
}

/** The summary's uid is the header fingerprint; callers that know the real UID replace it. */
function summaryOf(number: number, size: number, headers: HeaderSummary): MessageSummary {
  return { uid: fingerprint(headers, size), number, size, ...headers };
}

interface Found {
  newCount: number;
  /** Newest first, at most the limit, with their summaries. */
  newMessages: MessageSummary[];
  present: readonly string[];
  baseline: boolean;
  fullScan: boolean;
}

export async function scanMailbox(
  session: Pop3Session,
  request: CheckRequest,
  look: FirstLook,
  facts: ServerFacts,
): Promise<CheckOutcome> {
  const scan = new Scan(session, request, look, facts);
  const found = await scan.run();
  return scan.outcome(found);
}

class Scan {
  private facts: ServerFacts;
  private readonly limit: number;
  private readonly now = Date.now();

  constructor(
    private readonly session: Pop3Session,
    private readonly request: CheckRequest,
    private readonly look: FirstLook,
    facts: ServerFacts,
  ) {
    this.facts = facts;
    this.limit = Math.max(0, Math.min(request.limit, MAX_NEW_SUMMARIES));
  }

  async run(): Promise<Found> {
    const known = this.request.known;
    if (!this.facts.uidl || known?.fingerprints) return this.byFingerprint();
    const plan = planScan({
      count: this.look.count,
      knownUids: known?.uids,
      lastFullScanAt: known?.lastFullScanAt,
      uidAtKnownCount: this.look.atKnownCount?.uid,
      now: this.now,
    });
    if (plan.kind === 'unchanged') return this.unchanged(known as KnownMailbox);
    if (plan.kind === 'appended') return this.appended(known as KnownMailbox, plan.from, plan.to);
    return this.full();
  }

  private get pipelined(): boolean {
    return this.facts.pipelining;
  }

  /** The O(1) path: STAT and one UIDL n said nothing changed. */
  private unchanged(known: KnownMailbox): Found {
    this.leave();
    return { newCount: 0, newMessages: [], present: known.uids, baseline: false, fullScan: false };
  }

  /**
   * Only the UIDs of the arrived messages, their sizes and headers, and QUIT: one batch. The
   * first look already read the first of them when pipelining (session-run.ts), so one new
   * message needs nothing more than QUIT.
   */
  private async appended(known: KnownMailbox, from: number, to: number): Promise<Found> {
    const peeked = this.look.next?.entry.number === from ? this.look.next : undefined;
    const numbers = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const unread = peeked ? numbers.slice(1) : numbers;
    const uidSteps = unread.map((n) => () => uidlOneIfPresent(this.session, n));
    const newest = [...numbers].reverse().slice(0, this.limit);
    // Pipelined, both batches go out at once; otherwise strictly one command after another.
    const uidsRead = quiet(runBatch(uidSteps, this.pipelined));
    const summarized = this.pipelined
      ? quiet(this.summariesAfterPeek(newest, peeked))
      : uidsRead.then(() => this.summariesAfterPeek(newest, peeked));
    const [uids, summaries] = await Promise.all([uidsRead, summarized]);
    if (uids.some((e) => e === undefined))
      throw new PopbiffError('PROTOCOL_ERROR', 'The server lost a message during the check.');
    const entries = peeked ? [peeked.entry, ...(uids as UidEntry[])] : (uids as UidEntry[]);
    const byNumber = new Map(entries.map((e) => [e.number, e.uid]));
    const newMessages = summaries.map((s) => ({ ...s, uid: byNumber.get(s.number) ?? '' }));
    return {
      newCount: numbers.length,
      newMessages,
      present: [...known.uids, ...entries.map((e) => e.uid)],
      baseline: false,
      fullScan: false,
    };
  }

  /** One full UIDL, a diff against what was remembered, then headers of the new ones only. */
  private async full(): Promise<Found> {
    const present = await uidlAllIfSupported(this.session);
    if (present === undefined) {
      this.facts = { ...this.facts, uidl: false };
      return this.byFingerprint();
    }
    const { known, watch, firstCheck } = this.request;
    const diff = diffUidl({ present, known: known?.uids, watch, firstCheck });
    const chosen = diff.fresh.slice(0, this.limit);
    // The first look's peek, when the listing gives its message the same UID (the hourly full
    // scan, or a deletion elsewhere, with new mail): its headers are not read twice.
    const next = this.look.next;
    const peeked =
      next && chosen.some((e) => e.number === next.entry.number && e.uid === next.entry.uid) ? next : undefined;
    const summaries = await this.summariesAfterPeek(
      chosen.map((e) => e.number),
      peeked,
    );
    const uidOf = new Map(chosen.map((e) => [e.number, e.uid]));
    const inOrder = [...present].sort((a, b) => a.number - b.number).map((e) => e.uid);
    const newMessages = summaries.map((s) => ({ ...s, uid: uidOf.get(s.number) ?? '' }));
    return { newCount: diff.fresh.length, newMessages, present: inOrder, baseline: diff.baseline, fullScan: true };
  }

  /**
   * No UIDL (RFC 1939 makes it optional): header fingerprints from the newest message down,
   * until one that was remembered; bounded by FINGERPRINT_SCAN_MAX.
   */
  private async byFingerprint(): Promise<Found> {
    const { count } = this.look;
    // Without UIDL the remembered list can only hold fingerprints (even if a state store lost the flag).
    const known = this.request.known?.uids;
    const depth = Math.min(count, known === undefined ? Math.max(this.limit, FINGERPRINT_KEEP) : FINGERPRINT_SCAN_MAX);
    const scanned: MessageSummary[] = [];
    // A page per round trip; usually the first page already reaches a remembered message.
    while (scanned.length < depth) {
      const numbers = Array.from(
        { length: Math.min(FINGERPRINT_PAGE, depth - scanned.length) },
        (_, i) => count - scanned.length - i,
      );
      scanned.push(...(await this.summaries(numbers, false)));
      if (
        known !== undefined &&
        freshFromNewest(
          scanned.map((s) => s.uid),
          known,
        ) < scanned.length
      )
        break;
    }
    this.leave();
    const prints = scanned.map((s) => s.uid);
    const takesAll = firstCheckTakesAll(count, this.request.firstCheck ?? 'auto');
    const fresh = known === undefined ? (takesAll ? count : 0) : freshFromNewest(prints, known);
    return {
      newCount: fresh,
      newMessages: scanned.slice(0, Math.min(fresh, this.limit)),
      present: prints.slice(0, FINGERPRINT_KEEP).reverse(),
      baseline: known === undefined,
      fullScan: true,
    };
  }

  /**
   * Summaries of `numbers`, in their order, then QUIT: the message the first look peeked at
   * from its replies, the others read now.
   */
  private async summariesAfterPeek(
    numbers: readonly number[],
    peeked: PeekedMessage | undefined,
  ): Promise<MessageSummary[]> {
    const at = peeked ? numbers.indexOf(peeked.entry.number) : -1;
    if (!peeked || at === -1) return this.summaries(numbers, true);
    const [read, headers] = await Promise.all([
      this.summaries(
        numbers.filter((_, i) => i !== at),
        true,
      ),
      headersOf(peeked.headers),
    ]);
    read.splice(at, 0, summaryOf(peeked.entry.number, peeked.size, headers));
    return read;
  }

  /**
   * LIST n and TOP n 0 for each message (newest first), then QUIT, as one batch.
   */
  private async summaries(numbers: readonly number[], thenQuit: boolean): Promise<MessageSummary[]> {
    // Each header block is decoded as soon as it arrives, while later replies are still on the way.
    const steps: Step<number | HeaderSummary>[] = numbers.flatMap((n) => [
      () => listOne(this.session, n),
      () => topHeaders(this.session, n).then(headersOf),
    ]);
    // QUIT goes out in order behind the others; its reply is not waited for (see leave).
    const quit = thenQuit
      ? [
          () => {
            this.leave();
            return Promise.resolve(0);
          },
        ]
      : [];
    const replies = await runBatch([...steps, ...quit], this.pipelined);
    return numbers.map((number, i) => summaryOf(number, replies[2 * i] as number, replies[2 * i + 1] as HeaderSummary));
  }

  /**
   * Sends QUIT without waiting for its reply: a check that only looked needs nothing from it,
   * and the session's owner lets it finish behind the answer (pop3/departures.ts).
   */
  private leave(): void {
    void this.session.quit();
  }

  /** Watched UIDs no longer present; fingerprints cannot say (they only cover the newest). */
  private gone(present: readonly string[]): string[] {
    const { watch, known } = this.request;
    if (watch.length === 0 || known?.fingerprints || !this.facts.uidl) return [];
    const presentSet = new Set(present);
    return watch.filter((uid) => !presentSet.has(uid));
  }

  outcome(found: Found): CheckOutcome {
    const { look, request } = this;
    const gone = this.gone(found.present);
    const result: CheckOutcome['result'] = {
      count: look.count,
      size: look.size,
      newCount: found.newCount,
      newMessages: found.newMessages,
      gone,
      baseline: found.baseline,
      capabilities: look.capabilities?.lines ?? [],
      checkedAt: this.now,
    };
    if (look.capabilities?.loginDelaySeconds !== undefined)
      result.loginDelaySeconds = look.capabilities.loginDelaySeconds;
    const known: KnownMailbox = {
      uids: [...found.present],
      lastFullScanAt: found.fullScan ? this.now : request.known?.lastFullScanAt,
      serverFacts: this.facts,
    };
    if (!this.facts.uidl) known.fingerprints = true;
    return { result, known };
  }
}
