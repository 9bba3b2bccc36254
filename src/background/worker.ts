import { syncAlarms } from './alarms';
import { badgeView, showBadge } from './badge';
import { CheckRunner } from './check-runner';
import { Deleter, accountIdFromDeleteAlarm } from './deleter';
import { createHandlers, route } from './handlers';
import { openHostSession } from './host-client';
import { concurrencyLimit } from './concurrency';
import { forgetLeftovers, storesOnHost } from './leftovers';
import type { UiReply } from '../ui-messages';
import type { UiSender } from './commands';
import { accountIdFromNotification, notificationId } from './notification-plan';
import { NOTIFICATION_BUTTONS, createNotifier } from './notifier';
import type { Platform } from './platform';
import { accountState } from './mail-state';
import {
  CHECK_ALL_ALARM,
  accountIdFromAlarm,
  checkableAccounts,
  isDue,
  wakeAccounts,
  type WakeReason,
} from './scheduler';
import { StatusPublisher } from './status';
import { Store, type Snapshot } from './store';

/** The keyboard shortcut (manifest `commands`) that runs "Check now" on every account. */
export const CHECK_NOW_COMMAND = 'check-now';

/** What index.ts hands each browser event to. */
export interface Worker {
  /** Install and browser start-up: alarms may be gone, and mail may have come meanwhile. */
  start(): Promise<void>;
  onAlarm(name: string): Promise<void>;
  /** The machine is active again or the network is back: run what was missed meanwhile. */
  onWake(reason: Exclude<WakeReason, 'startup'>): Promise<void>;
  onCommand(name: string): Promise<void>;
  /** A click on the notification body opens that account's mail client. */
  onNotificationClicked(id: string): Promise<void>;
  onNotificationButton(id: string, index: number): Promise<void>;
  /** Settings written by anyone (`settings` is the value written): re-plan alarms, redraw the badge. */
  onSettingsChanged(settings?: unknown): Promise<void>;
  /** `sender` absent: a page that may not change commands. */
  onMessage(message: unknown, sender?: UiSender): Promise<UiReply>;
  /** Resolves when work started without a waiting caller has finished (for tests and shutdown). */
  idle(): Promise<void>;
}

export function createWorker(platform: Platform): Worker {
  const store = new Store(platform.storage);
  const tasks = new Set<Promise<unknown>>();
  const openHost = () => openHostSession(platform.connectNative, { lastError: platform.lastError });
  const status = new StatusPublisher(openHost);
  const show = async (snapshot: Snapshot): Promise<void> => {
    await syncAlarms(platform.alarms, snapshot, platform.now());
    await showBadge(platform.action, badgeView(snapshot.settings, snapshot.state, platform.texts));
  };
  /** After anything that may change what the badge shows: the host's status follows it. */
  const refresh = async (snapshot: Snapshot): Promise<void> => {
    await show(snapshot);
    status.publish(snapshot);
  };
  const announce = createNotifier({
    notifications: platform.notifications,
    buttons: platform.notificationButtons,
    idle: platform.idle,
    now: platform.now,
    texts: platform.texts,
  });
  const runner = new CheckRunner({
    store,
    openHost,
    afterBatch: refresh,
    now: platform.now,
    announce,
    publish: (snapshot, session) => status.publish(snapshot, session),
  });
  /**
   * One at a time: start-up's clean-up of the host's leftovers and every message that stores
   * something on the host for an account (see storesOnHost), so the clean-up's list of accounts
   * is never read between a save's password and its settings.
   */
  const hostRecords = concurrencyLimit(1);
  const spawn = (task: Promise<unknown>): void => {
    // The task's own failure is already in the state; here it only must not be unhandled.
    const tracked = task.catch(() => undefined).finally(() => tasks.delete(tracked));
    tasks.add(tracked);
  };
  const deleter = new Deleter({ store, alarms: platform.alarms, openHost, now: platform.now, refresh, spawn });
  const handlers = createHandlers({
    store,
    runner,
    openHost,
    tabs: platform.tabs,
    windows: platform.windows,
    permissions: platform.permissions,
    notifications: platform.notifications,
    now: platform.now,
    refresh,
    spawn,
    deleter,
    identity: platform.identity,
  });

  /**
   * Opens the client (if the account has one) and takes the notification away. With one unseen
   * message (what a single-message notification showed) the click lands on that message.
   */
  const openFromNotification = async (accountId: string): Promise<void> => {
    await platform.notifications.clear(notificationId(accountId));
    const { state } = await store.read();
    const unseen = accountState(state, accountId);
    const only = unseen.unseenCount === 1 ? unseen.unseen[0] : undefined;
    const opening = only
      ? handlers['open-message']({ type: 'open-message', accountId, uid: only.uid })
      : handlers['open-client']({ type: 'open-client', accountId });
    // No page to show a failure on; the click simply does nothing then.
    await opening.catch(() => undefined);
  };

  return {
    async start() {
      // Nothing changed while the browser was closed; the start-up batch publishes the status.
      await show(await store.read());
      await deleter.resume();
      await runner.run(({ settings, state }, now) => wakeAccounts(settings, state, now, 'startup'));
      // Not awaited: a missing host has nothing to forget, and start-up need not wait for it.
      spawn(hostRecords(() => forgetLeftovers(store, openHost)));
    },
    async onAlarm(name) {
      const deleting = accountIdFromDeleteAlarm(name);
      if (deleting !== undefined) {
        await deleter.runDue(deleting);
        return;
      }
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
    async onWake(reason) {
      await runner.run(({ settings, state }, now) => wakeAccounts(settings, state, now, reason));
    },
    async onCommand(name) {
      if (name === CHECK_NOW_COMMAND) await handlers['check-now']({ type: 'check-now' });
    },
    async onNotificationClicked(id) {
      const accountId = accountIdFromNotification(id);
      if (accountId !== undefined) await openFromNotification(accountId);
    },
    async onNotificationButton(id, index) {
      const accountId = accountIdFromNotification(id);
      if (accountId === undefined) return;
      if (NOTIFICATION_BUTTONS[index] === 'Open') await openFromNotification(accountId);
      if (NOTIFICATION_BUTTONS[index] === 'Dismiss') await handlers.dismiss({ type: 'dismiss', accountId });
    },
    async onSettingsChanged(settings) {
      // Every change made through the store is followed by its writer's own refresh.
      if (store.wroteSettings(settings)) return;
      store.forget();
      await refresh(await store.read());
    },
    onMessage(message, sender = { fromOptionsPage: false }) {
      const answer = () => route(handlers, message, sender);
      return storesOnHost(message) ? hostRecords(answer) : answer();
    },
    async idle() {
      while (tasks.size > 0) await Promise.all([...tasks]);
    },
  };
}
