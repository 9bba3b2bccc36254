import type { Account } from '../shared/account';
import { accountById } from '../storage/settings';
import { toErrorInfo } from '../shared/errors';
import { applyDeletion, deletionFailed, scheduleDeletion, takeDue, undoDeletion } from './deletion-plan';
import { type HostSession, withHost } from './host-client';
import { accountState, updateAccount } from './mail-state';
import type { AlarmsApi } from './platform';
import type { Snapshot, Store } from './store';

/**
 * Carries out "Delete on server" after its undo window. The window is kept twice: a timer while
 * this worker lives, and a one-off alarm in case the browser stops the worker first (the pending
 * UIDs are in storage, so whichever fires first finds them; the other finds nothing).
 */
export const DELETE_ALARM_PREFIX = 'delete:';

/** The alarm fires a little after the timer would, so the timer normally wins. */
const ALARM_GRACE_MS = 1_000;

export function accountIdFromDeleteAlarm(name: string): string | undefined {
  return name.startsWith(DELETE_ALARM_PREFIX) ? name.slice(DELETE_ALARM_PREFIX.length) : undefined;
}

export interface DeleterDeps {
  store: Store;
  alarms: AlarmsApi;
  openHost: () => HostSession;
  now: () => number;
  refresh: (snapshot: Snapshot) => Promise<void>;
  /** Work that outlives the caller (the deletion itself, when its timer fires). */
  spawn: (task: Promise<unknown>) => void;
}

export class Deleter {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: DeleterDeps) {}

  /** Returns when the deletion will run (epoch ms). */
  async schedule(accountId: string, uids: readonly string[]): Promise<number> {
    const snapshot = await this.deps.store.updateState((state) =>
      updateAccount(state, accountId, (s) => scheduleDeletion(s, uids, this.deps.now())),
    );
    const dueAt = accountState(snapshot.state, accountId).pendingDeletion?.dueAt ?? this.deps.now();
    this.arm(accountId, dueAt);
    await this.deps.alarms.create(`${DELETE_ALARM_PREFIX}${accountId}`, { when: dueAt + ALARM_GRACE_MS });
    return dueAt;
  }

  /** False when it was too late: the host has already been asked (or nothing was waiting). */
  async undo(accountId: string): Promise<boolean> {
    let waiting = false;
    await this.deps.store.updateState((state) => {
      waiting = accountState(state, accountId).pendingDeletion !== undefined;
      return waiting ? updateAccount(state, accountId, undoDeletion) : state;
    });
    this.disarm(accountId);
    await this.deps.alarms.clear(`${DELETE_ALARM_PREFIX}${accountId}`);
    return waiting;
  }

  /** After a worker start: deletions already due run now, the others get their timer back. */
  async resume(): Promise<void> {
    const { state } = await this.deps.store.read();
    const now = this.deps.now();
    const runs = Object.entries(state.accounts).flatMap(([accountId, s]) => {
      if (s.pendingDeletion === undefined) return [];
      if (s.pendingDeletion.dueAt > now) {
        this.arm(accountId, s.pendingDeletion.dueAt);
        return [];
      }
      return [this.runDue(accountId)];
    });
    await Promise.all(runs);
  }

  /** Deletes what is due for the account; does nothing when it was undone or already done. */
  async runDue(accountId: string): Promise<void> {
    this.disarm(accountId);
    let uids: string[] = [];
    let account: Account | undefined;
    await this.deps.store.update(({ state, settings }) => {
      account = accountById(settings, accountId);
      if (account === undefined) return {};
      const taken = takeDue(accountState(state, accountId), this.deps.now());
      uids = taken.uids;
      return uids.length === 0 ? {} : { state: updateAccount(state, accountId, () => taken.state) };
    });
    if (account === undefined || uids.length === 0) return;
    await this.deps.alarms.clear(`${DELETE_ALARM_PREFIX}${accountId}`).catch(() => false);
    await this.deleteOnServer(account, uids);
  }

  private async deleteOnServer(account: Account, uids: string[]): Promise<void> {
    const accountId = account.id;
    const outcome = await withHost(this.deps, (host) =>
      host.request('delete-messages', { accountId, server: account.server, uids }),
    ).then(
      (result) => ({ result }),
      (error: unknown) => ({ error: toErrorInfo(error) }),
    );
    const at = this.deps.now();
    const snapshot = await this.deps.store.updateState((state) =>
      updateAccount(state, accountId, (s) =>
        'error' in outcome ? deletionFailed(s, outcome.error, at) : applyDeletion(s, { ...outcome.result, at }),
      ),
    );
    await this.deps.refresh(snapshot);
  }

  private arm(accountId: string, dueAt: number): void {
    this.disarm(accountId);
    const timer = setTimeout(() => this.deps.spawn(this.runDue(accountId)), Math.max(0, dueAt - this.deps.now()));
    this.timers.set(accountId, timer);
  }

  private disarm(accountId: string): void {
    clearTimeout(this.timers.get(accountId));
    this.timers.delete(accountId);
  }
}
