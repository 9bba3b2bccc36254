import type { AccountState } from '../storage/account-state';
import type { Account } from '../shared/account';
import { PopbiffError, toErrorInfo, type ErrorInfo } from '../shared/errors';
import { type CheckResult, MAX_WATCHED_UIDS } from '../shared/mail';
import type { PayloadOf } from '../shared/protocol';
import { accountById } from '../storage/settings';
import { keyedConcurrencyLimit } from './concurrency';
import type { HostSession } from './host-client';
import { receive, rulesFor } from './incoming';
import { accountState, applyError, updateAccount } from './mail-state';
import type { NewMail } from './notification-plan';
import type { Snapshot, Store } from './store';

/**
 * Sessions at once on one server (host and port): providers cap connections per user or per
 * address, and a few sessions at a time never reach those caps.
 */
export const MAX_CHECKS_PER_SERVER = 2;

/** Sessions at once over one host port, across all servers: bounds the host's sockets and memory. */
export const MAX_CONCURRENT_CHECKS = 32;

/** New-message summaries asked for per check; the popup shows fewer. */
export const SUMMARY_LIMIT = 20;

/**
 * A whole batch ends by this time, however many accounts queue behind the concurrency cap:
 * a worker must never wait on the host for ever (each request also has its own deadline).
 */
export const BATCH_DEADLINE_MS = 5 * 60_000;

export interface RunnerDeps {
  store: Store;
  openHost: () => HostSession;
  /** Runs after every batch that checked something, with the latest snapshot (re-sync alarms, redraw the badge). */
  afterBatch: (snapshot: Snapshot) => Promise<void>;
  now: () => number;
  /** New mail that may deserve a notification, after its state is stored. */
  announce?: (mail: NewMail, snapshot: Snapshot) => Promise<void>;
  batchDeadlineMs?: number;
  /** Hands the batch's outcome to the host over the batch's port (status.ts), before it closes. */
  publish?: (snapshot: Snapshot, session: HostSession) => void;
}

export type Selection = (snapshot: Snapshot, now: number) => Account[];

type Outcome = { result: CheckResult } | { error: ErrorInfo };

/**
 * Runs batches of checks: one host port per batch, different servers in parallel but at most
 * MAX_CHECKS_PER_SERVER sessions on one server (MAX_CONCURRENT_CHECKS in all), each
 * outcome written through the store's serialised update. An account already being checked by
 * another batch is not checked twice at once (two sessions would collide on the maildrop lock);
 * the later batch waits for the running check instead.
 */
export class CheckRunner {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: RunnerDeps) {}

  async run(select: Selection): Promise<Snapshot> {
    const snapshot = await this.deps.store.read();
    const accounts = select(snapshot, this.deps.now());
    const running = accounts.flatMap((account) => this.inFlight.get(account.id) ?? []);
    const fresh = accounts.filter((account) => !this.inFlight.has(account.id));
    // Nothing to check (an alarm for an account that is not due): nothing changed to re-read or redraw.
    if (accounts.length === 0) return snapshot;
    await Promise.all([this.checkAll(fresh, snapshot), ...running]);
    const latest = await this.deps.store.read();
    await this.deps.afterBatch(latest);
    return latest;
  }

  private async checkAll(accounts: Account[], snapshot: Snapshot): Promise<void> {
    if (accounts.length === 0) return;
    const session = this.deps.openHost();
    const limit = keyedConcurrencyLimit(MAX_CHECKS_PER_SERVER, MAX_CONCURRENT_CHECKS);
    const checks = accounts.map((account) => {
      const check = limit(serverKey(account), () =>
        this.checkOne(session, account, accountState(snapshot.state, account.id)),
      );
      this.inFlight.set(account.id, check);
      return check.finally(() => this.inFlight.delete(account.id));
    });
    const deadlineMs = this.deps.batchDeadlineMs ?? BATCH_DEADLINE_MS;
    const timer = setTimeout(() => {
      session.close(
        new PopbiffError('HOST_TIMEOUT', `The checks did not finish within ${Math.round(deadlineMs / 1000)} s.`),
      );
    }, deadlineMs);
    try {
      await Promise.allSettled(checks);
      this.deps.publish?.(await this.deps.store.read(), session);
    } finally {
      clearTimeout(timer);
      session.close();
    }
  }

  private async checkOne(session: HostSession, account: Account, state: AccountState): Promise<void> {
    const outcome: Outcome = await session.request('check', checkPayload(account, state)).then(
      (result) => ({ result }),
      (error: unknown) => ({ error: toErrorInfo(error) }),
    );
    let mail: NewMail | undefined;
    const snapshot = await this.deps.store.updateState((current, settings) => {
      // The account may have been deleted while its check ran; don't bring its state back.
      const saved = accountById(settings, account.id);
      if (!saved) return current;
      const now = this.deps.now();
      return updateAccount(current, account.id, (s) => {
        if ('error' in outcome) return applyError(s, outcome.error, now);
        const received = receive(s, {
          accountId: account.id,
          result: outcome.result,
          rules: rulesFor(settings, saved),
          now,
        });
        mail = received.mail;
        return received.state;
      });
    });
    // Announced only once the UIDs are stored as notified: a crash in between loses a
    // notification rather than showing one twice.
    if (mail && this.deps.announce) await this.deps.announce(mail, snapshot);
  }
}

/** Host names are case-insensitive (RFC 4343); the port tells two servers on one host apart. */
function serverKey(account: Account): string {
  return `${account.server.host.toLowerCase()}:${account.server.port}`;
}

/**
 * Everything remembered of the account, so the reply names what the server no longer has: gone
 * mail leaves the unseen list, gone UIDs leave the announced ones (incoming.ts), and a deletion
 * the server never confirmed is settled (deletion-plan.ts).
 */
export function watchedUids(state: AccountState): string[] {
  const uids = new Set([
    ...state.unseen.map((message) => message.uid),
    ...(state.lastDeletion?.unconfirmed ?? []),
    ...(state.notified ?? []),
  ]);
  return [...uids].slice(0, MAX_WATCHED_UIDS);
}

export function checkPayload(account: Account, state: AccountState): PayloadOf<'check'> {
  const payload: PayloadOf<'check'> = {
    accountId: account.id,
    server: account.server,
    watch: watchedUids(state),
    limit: SUMMARY_LIMIT,
  };
  const withFirst = account.firstCheck === undefined ? payload : { ...payload, firstCheck: account.firstCheck };
  return state.stateToken === undefined ? withFirst : { ...withFirst, stateToken: state.stateToken };
}
