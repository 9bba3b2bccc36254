import { syncAlarms } from './alarms';
import { badgeView, showBadge } from './badge';
import { CheckRunner } from './check-runner';
import { createHandlers, route } from './handlers';
import { openHostSession } from './host-client';
import type { UiReply } from './messages';
import type { Platform } from './platform';
import { accountState } from './mail-state';
import { CHECK_ALL_ALARM, accountIdFromAlarm, checkableAccounts, dueAccounts, isDue } from './scheduler';
import { Store, type Snapshot } from './store';

/** What index.ts hands each browser event to. */
export interface Worker {
  /** Install and browser start-up: alarms may be gone, and mail may have come meanwhile. */
  start(): Promise<void>;
  onAlarm(name: string): Promise<void>;
  /** Settings written by anyone: re-plan alarms, redraw the badge. */
  onSettingsChanged(): Promise<void>;
  onMessage(message: unknown): Promise<UiReply>;
  /** Resolves when work started without a waiting caller has finished (for tests and shutdown). */
  idle(): Promise<void>;
}

export function createWorker(platform: Platform): Worker {
  const store = new Store(platform.storage);
  const tasks = new Set<Promise<unknown>>();
  const refresh = async (snapshot: Snapshot): Promise<void> => {
    await syncAlarms(platform.alarms, snapshot);
    await showBadge(platform.action, badgeView(snapshot.settings, snapshot.state));
  };
  const openHost = () => openHostSession(platform.connectNative, { lastError: platform.lastError });
  const runner = new CheckRunner({ store, openHost, afterBatch: refresh, now: platform.now });
  const spawn = (task: Promise<unknown>): void => {
    // The task's own failure is already in the state; here it only must not be unhandled.
    const tracked = task.catch(() => undefined).finally(() => tasks.delete(tracked));
    tasks.add(tracked);
  };
  const handlers = createHandlers({ store, runner, openHost, tabs: platform.tabs, refresh, spawn });

  return {
    async start() {
      await refresh(await store.read());
      await runner.run(({ settings, state }, now) => dueAccounts(settings, state, now));
    },
    async onAlarm(name) {
      if (name === CHECK_ALL_ALARM) {
        await runner.run(({ settings, state }) => checkableAccounts(settings, state));
        return;
      }
      const accountId = accountIdFromAlarm(name);
      if (accountId === undefined) return;
      await runner.run(({ settings, state }, now) =>
        settings.accounts.filter((a) => a.id === accountId && isDue(a, accountState(state, a.id), now)),
      );
    },
    async onSettingsChanged() {
      await refresh(await store.read());
    },
    onMessage: (message) => route(handlers, message),
    async idle() {
      while (tasks.size > 0) await Promise.all([...tasks]);
    },
  };
}
