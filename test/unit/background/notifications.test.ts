import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtensionState } from '../../../src/storage/account-state';
import { CheckRunner } from '../../../src/background/check-runner';
import { openHostSession } from '../../../src/background/host-client';
import { notificationId } from '../../../src/background/notification-plan';
import { Store } from '../../../src/background/store';
import { CHECK_NOW_COMMAND, createWorker, type Worker } from '../../../src/background/worker';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../../../src/storage/settings';
import type { Account } from '../../../src/shared/account';
import type { MessageSummary } from '../../../src/shared/mail';
import {
  checkResult,
  createFakeBrowser,
  sampleAccount,
  sampleSettings,
  summary,
  type FakeBrowser,
  type HostRequest,
} from '../../helpers/fake-browser';

/**
 * The worker with notifications, wake-ups and shortcuts, against the in-memory browser. The
 * scripted host reports, per account, whatever `mailbox` holds that it has not reported before,
 * the way the real host diffs UIDL lists.
 */

let fake: FakeBrowser;
let worker: Worker;
let mailbox: Record<string, MessageSummary[]>;
let reported: Set<string>;
let failures: Record<string, string | undefined>;

const checksOf = (id: string): HostRequest[] =>
  fake.ports.flatMap((p) => p.posted).filter((r) => r.type === 'check' && r.payload.accountId === id);
const state = (): ExtensionState => fake.storage.state();
const titles = (): string[] => fake.notificationLog.map((n) => n.options.title);
const message = (uid: string, name: string, subject: string): MessageSummary => ({
  ...summary(uid),
  from: { name, address: 'x@example.org' },
  subject,
});

function setUp(accounts: Account[], settings: Partial<Settings> = {}): void {
  fake.storage.set(SETTINGS_KEY, { ...sampleSettings(accounts), ...settings });
}

function hostScript(
  request: HostRequest,
  port: Parameters<NonNullable<Parameters<typeof createFakeBrowser>[0]>>[1],
): void {
  if (request.type !== 'check') {
    port.ok(request.id, { done: true });
    return;
  }
  const id = String(request.payload.accountId);
  const failure = failures[id];
  if (failure) {
    port.fail(request.id, failure);
    return;
  }
  const baseline = request.payload.stateToken === undefined;
  const fresh = (mailbox[id] ?? []).filter((m) => !reported.has(`${id}/${m.uid}`));
  for (const m of fresh) reported.add(`${id}/${m.uid}`);
  port.ok(request.id, checkResult({ baseline, newMessages: fresh, stateToken: `${id}-token` }));
}

beforeEach(() => {
  mailbox = {};
  reported = new Set();
  failures = {};
  fake = createFakeBrowser(hostScript);
  worker = createWorker(fake.platform);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('notifications', () => {
  it('the first check only counts; mail arriving later is notified once, with the account and sender', async () => {
    setUp([sampleAccount('work')]);
    mailbox.work = [message('old', 'Old Sender', 'Old')];
    await worker.start();
    expect(fake.badge.text).toBe('1');
    expect(fake.notificationLog).toEqual([]);

    mailbox.work.push(message('new', 'Grace Hopper', 'A bug in relay 70'));
    await worker.onAlarm('check-all');
    expect(fake.badge.text).toBe('2');
    expect(titles()).toEqual(['Work: Grace Hopper']);
    expect(fake.notifications.get(notificationId('work'))).toMatchObject({
      message: 'A bug in relay 70',
      buttons: [{ title: 'Open' }, { title: 'Dismiss' }],
    });
  });

  it('is never notified twice: not by another check, a new worker, or a host that reports the mail again', async () => {
    setUp([sampleAccount('work')]);
    await worker.start();
    mailbox.work = [message('m1', 'Ann', 'Hello')];
    await worker.onAlarm('check-all');
    await worker.onAlarm('check-all');
    expect(titles()).toEqual(['Work: Ann']);

    // The worker (or the browser) restarts: only storage survives. The host forgets what it reported.
    worker = createWorker(fake.platform);
    reported.clear();
    await worker.start();
    await worker.onAlarm('check-all');
    await worker.onMessage({ type: 'dismiss' });
    reported.clear();
    await worker.onAlarm('check-all');
    expect(state().accounts.work?.unseenCount).toBe(1); // counted again: the host said it is new
    expect(titles()).toEqual(['Work: Ann']);
  });

  it('one notification per account per check, saying how many', async () => {
    setUp([sampleAccount('work'), sampleAccount('home')]);
    await worker.start();
    mailbox.work = [message('a', 'Ann', 's'), message('b', 'Bob', 's'), message('c', 'Cy', 's')];
    mailbox.home = [message('d', 'Dee', 'Tea?')];
    await worker.onAlarm('check-all');
    expect(titles().sort()).toEqual(['Home: Dee', 'Work: 3 new messages']);
  });

  it('spam flagged by the server is neither counted nor notified (default rule)', async () => {
    setUp([sampleAccount('work')]);
    await worker.start();
    mailbox.work = [{ ...message('s', 'Spammer', 'Win'), headers: { 'x-spam-flag': 'YES' } }];
    await worker.onAlarm('check-all');
    expect(fake.badge.text).toBe('');
    expect(fake.notificationLog).toEqual([]);
  });

  it('quiet hours and the account switch count the mail but stay silent', async () => {
    const allDay = { from: '00:00', to: '23:59' };
    setUp([sampleAccount('work', { quietHours: allDay }), sampleAccount('home', { notify: false })]);
    await worker.start();
    mailbox.work = [message('a', 'Ann', 's')];
    mailbox.home = [message('b', 'Bob', 's')];
    await worker.onAlarm('check-all');
    expect(fake.badge.text).toBe('2');
    expect(fake.notificationLog).toEqual([]);
  });

  it('muted while the machine is idle, when asked to be', async () => {
    setUp([sampleAccount('work')], { muteWhenIdle: true });
    await worker.start();
    fake.idleState.current = 'locked';
    mailbox.work = [message('a', 'Ann', 's')];
    await worker.onAlarm('check-all');
    expect(fake.notificationLog).toEqual([]);
    fake.idleState.current = 'active';
    mailbox.work.push(message('b', 'Bob', 's'));
    await worker.onAlarm('check-all');
    expect(titles()).toEqual(['Work: Bob']);
  });

  it('"pause for an hour" silences until then; "resume" turns them back on', async () => {
    setUp([sampleAccount('work')]);
    await worker.start();
    const reply = await worker.onMessage({ type: 'pause-notifications', duration: 'hour' });
    expect(reply).toMatchObject({ ok: true, result: { pausedUntil: expect.any(Number) } });
    mailbox.work = [message('a', 'Ann', 's')];
    await worker.onAlarm('check-all');
    expect(fake.notificationLog).toEqual([]);
    expect(await worker.onMessage({ type: 'pause-notifications', duration: 'resume' })).toEqual({
      ok: true,
      result: {},
    });
    expect((fake.storage.get(SETTINGS_KEY) as Settings).pauseNotificationsUntil).toBeUndefined();
    mailbox.work.push(message('b', 'Bob', 's'));
    await worker.onAlarm('check-all');
    expect(titles()).toEqual(['Work: Bob']);
  });

  it("a click opens that account's webmail and clears the notification", async () => {
    setUp([sampleAccount('work'), sampleAccount('home')]);
    await worker.start();
    mailbox.home = [message('a', 'Ann', 's')];
    await worker.onAlarm('check-all');
    await worker.onNotificationClicked(notificationId('home'));
    expect(fake.openedTabs).toEqual(['https://home.example.org/mail']);
    expect(fake.notifications.size).toBe(0);
  });

  it('"Dismiss" marks the account\'s mail seen, clears the badge and the notification; "Open" opens', async () => {
    setUp([sampleAccount('work')]);
    await worker.start();
    mailbox.work = [message('a', 'Ann', 's')];
    await worker.onAlarm('check-all');
    expect(fake.badge.text).toBe('1');
    await worker.onNotificationButton(notificationId('work'), 1);
    expect(fake.badge.text).toBe('');
    expect(state().accounts.work?.unseenCount).toBe(0);
    expect(fake.notifications.size).toBe(0);
    await worker.onNotificationButton(notificationId('work'), 0);
    expect(fake.openedTabs).toEqual(['https://work.example.org/mail']);
  });

  it('Firefox (no buttons) gets a plain notification', async () => {
    fake = createFakeBrowser(hostScript, { notificationButtons: false });
    worker = createWorker(fake.platform);
    setUp([sampleAccount('work')]);
    await worker.start();
    mailbox.work = [message('a', 'Ann', 's')];
    await worker.onAlarm('check-all');
    expect(fake.notificationLog[0]?.options.buttons).toBeUndefined();
    expect(fake.notificationLog[0]?.options.requireInteraction).toBeUndefined();
  });
});

describe('wake-ups and shortcuts', () => {
  it('alarms get a fixed per-account offset, and are re-created on start-up if the browser lost them', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    setUp([sampleAccount('work'), sampleAccount('home')]);
    await worker.start();
    const when = (name: string) => (fake.alarmWhen.get(name) ?? 0) - Date.now() - 5 * 60_000;
    const offsets = [when('check:work'), when('check:home')];
    expect(offsets[0]).not.toBe(offsets[1]);
    for (const offset of offsets) expect(offset).toBeGreaterThanOrEqual(0);
    fake.alarms.clear();
    await createWorker(fake.platform).start();
    expect([...fake.alarms.keys()].sort()).toEqual(['check:home', 'check:work']);
    expect([when('check:work'), when('check:home')]).toEqual(offsets);
  });

  it('back to "active" after sleep runs the checks that were missed', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    setUp([sampleAccount('work')]);
    await worker.start();
    expect(checksOf('work')).toHaveLength(1);
    await worker.onWake('active');
    expect(checksOf('work')).toHaveLength(1); // nothing missed yet
    vi.setSystemTime(Date.now() + 3 * 3_600_000); // asleep for three hours: no alarm fired
    await worker.onWake('active');
    expect(checksOf('work')).toHaveLength(2);
  });

  it('the network coming back retries an account that failed to connect, without waiting for its backoff', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    setUp([sampleAccount('work')]);
    failures.work = 'CONNECT_FAILED';
    await worker.start();
    await worker.onWake('active');
    expect(checksOf('work')).toHaveLength(1);
    failures.work = undefined;
    await worker.onWake('online');
    expect(checksOf('work')).toHaveLength(2);
    expect(state().accounts.work?.error).toBeUndefined();
  });

  it('a wrong password stays stopped through wake-ups and the network returning', async () => {
    setUp([sampleAccount('work')]);
    failures.work = 'AUTH_FAILED';
    await worker.start();
    await worker.onWake('online');
    await worker.onWake('active');
    await worker.onAlarm('check-all');
    expect(checksOf('work')).toHaveLength(1);
  });

  it('a settings change (e.g. a new password saved) lets a stopped account be checked again', async () => {
    setUp([sampleAccount('work')]);
    failures.work = 'AUTH_FAILED';
    await worker.start();
    failures.work = undefined;
    await worker.onMessage({ type: 'save-account', account: sampleAccount('work'), password: 'new' });
    await worker.idle();
    expect(checksOf('work')).toHaveLength(2);
    expect(state().accounts.work?.error).toBeUndefined();
    expect(fake.alarms.has('check:work')).toBe(true);
  });

  it('the "check-now" shortcut checks every account, stopped ones included', async () => {
    setUp([sampleAccount('work')]);
    failures.work = 'AUTH_FAILED';
    await worker.start();
    await worker.onCommand('something-else');
    expect(checksOf('work')).toHaveLength(1);
    await worker.onCommand(CHECK_NOW_COMMAND);
    expect(checksOf('work')).toHaveLength(2);
  });
});

describe('batch deadline', () => {
  it('a host that never answers ends the batch with HOST_TIMEOUT for every account in it', async () => {
    vi.useFakeTimers();
    fake.script(() => undefined); // accepts requests, never answers
    fake.storage.set(SETTINGS_KEY, {
      ...DEFAULT_SETTINGS,
      accounts: ['a', 'b', 'c', 'd', 'e'].map((id) => sampleAccount(id)),
    });
    const store = new Store(fake.platform.storage);
    const openHost = () => openHostSession(fake.platform.connectNative, { lastError: fake.platform.lastError });
    const runner = new CheckRunner({
      store,
      openHost,
      afterBatch: async () => undefined,
      now: () => Date.now(),
      batchDeadlineMs: 30_000,
    });
    const done = runner.run(({ settings }) => settings.accounts);
    await vi.advanceTimersByTimeAsync(30_000);
    const snapshot = await done;
    expect(Object.values(snapshot.state.accounts).map((s) => s.error?.code)).toEqual(Array(5).fill('HOST_TIMEOUT'));
    expect(fake.ports[0]?.disconnected).toBe(true);
  });
});
