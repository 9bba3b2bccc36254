import { beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionState } from '../../../src/storage/account-state';
import { BADGE_COLORS } from '../../../src/background/badge';
import { createWorker, type Worker } from '../../../src/background/worker';
import { SETTINGS_KEY, type Settings } from '../../../src/storage/settings';
import type { Account } from '../../../src/shared/account';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol';
import {
  checkResult,
  createFakeBrowser,
  sampleAccount,
  sampleSettings,
  summary,
  type FakeBrowser,
  type HostRequest,
} from '../../helpers/fake-browser';

const hello = { protocolVersion: PROTOCOL_VERSION, hostVersion: '0.1.0', platform: 'linux', secretStore: 'file' };

let fake: FakeBrowser;
let worker: Worker;
let hostLog: HostRequest[];
/** What the scripted host answers to `check`, per account id; default: one new message. */
let checkAnswers: Record<string, { code: string } | undefined>;

const settings = (): Settings => fake.storage.get(SETTINGS_KEY) as Settings;
const state = (): ExtensionState => fake.storage.state();
const checksOf = (id: string) => hostLog.filter((r) => r.type === 'check' && r.payload.accountId === id);

/** Lets queued callbacks run until `done` holds; bounded, no wall-clock waiting. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(done()).toBe(true);
}

function start(accounts: Account[], stored?: ExtensionState): void {
  fake.storage.set(SETTINGS_KEY, sampleSettings(accounts));
  if (stored) fake.storage.setState(stored);
}

beforeEach(() => {
  hostLog = [];
  checkAnswers = {};
  fake = createFakeBrowser((request, port) => {
    hostLog.push(request);
    if (request.type === 'hello') return port.ok(request.id, hello);
    if (request.type === 'check') {
      const failure = checkAnswers[String(request.payload.accountId)];
      if (failure) return port.fail(request.id, failure.code);
      return port.ok(
        request.id,
        checkResult({ newMessages: [summary(`${String(request.payload.accountId)}-${hostLog.length}`)] }),
      );
    }
    port.ok(request.id, { done: true });
  });
  worker = createWorker(fake.platform);
});

describe('background worker', () => {
  it('on start-up creates the alarms, checks every due account and shows the count', async () => {
    start([
      sampleAccount('work'),
      sampleAccount('home', { intervalMinutes: 15 }),
      sampleAccount('off', { enabled: false }),
    ]);
    await worker.start();
    expect([...fake.alarms.values()]).toEqual([
      { name: 'check:work', periodInMinutes: 5 },
      { name: 'check:home', periodInMinutes: 15 },
    ]);
    expect(checksOf('work')).toHaveLength(1);
    expect(checksOf('off')).toHaveLength(0);
    // One batch, one port (start-up's retain-accounts goes over a port of its own).
    expect(fake.ports.filter((port) => port.posted.some((request) => request.type === 'check'))).toHaveLength(1);
    expect(fake.badge).toMatchObject({ text: '2', color: BADGE_COLORS.standard.mail });
  });

  it('an alarm checks its own account only', async () => {
    start([sampleAccount('work'), sampleAccount('home')]);
    await worker.onAlarm('check:home');
    expect(checksOf('home')).toHaveLength(1);
    expect(checksOf('work')).toHaveLength(0);
  });

  it('a wrong password is not retried by alarms, only by "Check now", which clears it', async () => {
    start([sampleAccount('work')]);
    checkAnswers.work = { code: 'AUTH_FAILED' };
    await worker.start();
    expect(fake.alarms.has('check:work')).toBe(false);
    expect(fake.badge).toMatchObject({ text: '!', color: BADGE_COLORS.standard.error });
    await worker.onAlarm('check:work');
    await worker.onAlarm('check-all');
    expect(checksOf('work')).toHaveLength(1);

    checkAnswers.work = undefined;
    const reply = await worker.onMessage({ type: 'check-now', accountId: 'work' });
    expect(reply.ok).toBe(true);
    expect(checksOf('work')).toHaveLength(2);
    expect(state().accounts.work?.error).toBeUndefined();
    expect(fake.alarms.has('check:work')).toBe(true);
  });

  it('"Check now" within the provider’s minimum interval is not sent; the reply says until when and why', async () => {
    const webde = sampleAccount('w', { server: { ...sampleAccount('w').server, host: 'pop3.web.de' } });
    const now = Date.now();
    start([webde, sampleAccount('work')], {
      version: 1,
      accounts: {
        w: { count: 0, unseenCount: 0, unseen: [], failures: 0, lastCheckAt: now - 60_000 },
        work: { count: 0, unseenCount: 0, unseen: [], failures: 0, lastCheckAt: now - 60_000 },
      },
    });
    const reply = await worker.onMessage({ type: 'check-now' });
    expect(checksOf('w')).toHaveLength(0);
    expect(checksOf('work')).toHaveLength(1);
    expect(reply).toMatchObject({
      ok: true,
      result: {
        held: [{ accountId: 'w', until: now - 60_000 + 15 * 60_000, reason: 'provider', providerName: 'WEB.DE' }],
      },
    });
    expect((await worker.onMessage({ type: 'check-now', accountId: 'w' })).ok).toBe(true);
    expect(checksOf('w')).toHaveLength(0);
  });

  it('dismiss clears the unseen mail and the badge', async () => {
    start([sampleAccount('work')]);
    await worker.start();
    expect(fake.badge.text).toBe('1');
    const reply = await worker.onMessage({ type: 'dismiss' });
    expect(reply.ok).toBe(true);
    expect(state().accounts.work).toMatchObject({ unseenCount: 0, unseen: [] });
    expect(fake.badge.text).toBe('');
  });

  it('save-account stores the password with the host first, then the settings, then checks', async () => {
    start([]);
    const account = sampleAccount('work');
    const reply = await worker.onMessage({ type: 'save-account', account, password: 'hunter2' });
    await worker.idle();
    expect(reply).toEqual({ ok: true, result: { accountId: 'work' } });
    // The new account's status goes to the host on its own port; the check's on the batch's port.
    expect(hostLog.map((r) => r.type)).toEqual(['set-secret', 'publish-status', 'check', 'publish-status']);
    // The host binds the password to this server (issue 10, item 1).
    const { host, port, username } = account.server;
    expect(hostLog[0]?.payload).toEqual({ accountId: 'work', server: { host, port, username }, secret: 'hunter2' });
    expect(settings().accounts).toEqual([account]);
    expect(fake.alarms.has('check:work')).toBe(true);
    expect(JSON.stringify([...fake.storage.values()])).not.toContain('hunter2');
  });

  it('save-account keeps the old settings when the host cannot store the password', async () => {
    start([]);
    fake.script((request, port) => port.fail(request.id, 'STORAGE_FAILED', 'disk full'));
    const reply = await worker.onMessage({ type: 'save-account', account: sampleAccount('work'), password: 'pw' });
    expect(reply).toEqual({ ok: false, error: { code: 'STORAGE_FAILED', message: 'disk full' } });
    expect(settings().accounts).toEqual([]);
  });

  it('save-account with another user name forgets the old mailbox state', async () => {
    const account = sampleAccount('work');
    start([account], {
      version: 1,
      accounts: { work: { count: 9, unseenCount: 1, unseen: [summary('x')], failures: 0, stateToken: 'old' } },
    });
    fake.script(undefined); // the follow-up check never answers; only the saved state matters here
    const changed = { ...account, server: { ...account.server, username: 'other@example.org' } };
    await worker.onMessage({ type: 'save-account', account: changed });
    expect(state().accounts.work).toEqual({ count: 0, unseenCount: 0, unseen: [], failures: 0 });
    const checkPort = () => fake.ports.find((port) => port.posted.some((request) => request.type === 'check'));
    await until(() => checkPort() !== undefined);
    checkPort()?.close('Native host has exited.');
    await worker.idle();
    expect(state().accounts.work?.error?.code).toBe('HOST_DISCONNECTED');
  });

  it('delete-account forgets the password and removes the account, its state and its alarm', async () => {
    start([sampleAccount('work'), sampleAccount('home')]);
    await worker.start();
    const reply = await worker.onMessage({ type: 'delete-account', accountId: 'work' });
    expect(reply).toEqual({ ok: true, result: { secretForgotten: true } });
    expect(hostLog.filter((r) => r.type === 'forget-account').map((r) => r.payload)).toEqual([{ accountId: 'work' }]);
    expect(settings().accounts.map((a) => a.id)).toEqual(['home']);
    expect(Object.keys(state().accounts)).toEqual(['home']);
    expect(fake.alarms.has('check:work')).toBe(false);
  });

  it('host-status reports the host, or that it is not installed', async () => {
    expect(await worker.onMessage({ type: 'host-status' })).toEqual({
      ok: true,
      result: { installed: true, hostVersion: '0.1.0', protocolVersion: PROTOCOL_VERSION, secretStore: 'file' },
    });
    fake.script((_request, port) => queueMicrotask(() => port.close('Specified native messaging host not found.')));
    const missing = await worker.onMessage({ type: 'host-status' });
    expect(missing).toMatchObject({ ok: true, result: { installed: false, error: { code: 'HOST_NOT_FOUND' } } });
  });

  it('host-status says a host older than MIN_HOST_VERSION needs an update', async () => {
    fake.script((request, port) => port.ok(request.id, { ...hello, hostVersion: '0.0.9' }));
    expect(await worker.onMessage({ type: 'host-status' })).toMatchObject({
      ok: true,
      result: { installed: true, hostVersion: '0.0.9', error: { code: 'HOST_OUTDATED' } },
    });
  });

  it('open-client opens the webmail address in a new tab', async () => {
    start([sampleAccount('work'), sampleAccount('home', { webmailUrl: '' })]);
    expect(await worker.onMessage({ type: 'open-client', accountId: 'work' })).toEqual({
      ok: true,
      result: { opened: true },
    });
    expect(fake.openedTabs).toEqual(['https://work.example.org/mail']);
    expect(await worker.onMessage({ type: 'open-client', accountId: 'home' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('answers an invalid message with BAD_REQUEST', async () => {
    expect(await worker.onMessage({ type: 'format-disk' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await worker.onMessage({ type: 'check-now', accountId: 'no such' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('a settings change re-plans the alarms', async () => {
    start([sampleAccount('work')]);
    await worker.onSettingsChanged();
    expect(fake.alarms.get('check:work')?.periodInMinutes).toBe(5);
    start([sampleAccount('work', { intervalMinutes: 30 })]);
    await worker.onSettingsChanged();
    expect(fake.alarms.get('check:work')?.periodInMinutes).toBe(30);
  });
});

describe('background worker: one refresh per change', () => {
  /** Counts storage reads and badge redraws, with storage.onChanged wired to the worker as index.ts wires it. */
  function watch(): { reads: () => number; redraws: () => number } {
    let reads = 0;
    let redraws = 0;
    const { storage, action } = fake.platform;
    const get = storage.get.bind(storage);
    const setBadgeText = action.setBadgeText.bind(action);
    storage.get = (key) => {
      reads += 1;
      return get(key);
    };
    action.setBadgeText = (details) => {
      redraws += 1;
      return setBadgeText(details);
    };
    fake.storageChanges.addListener((changes, area) => {
      if (area === 'local' && SETTINGS_KEY in changes) void worker.onSettingsChanged(changes[SETTINGS_KEY]?.newValue);
    });
    return { reads: () => reads, redraws: () => redraws };
  }

  /** Lets listeners that nobody awaits finish; bounded, no wall-clock waiting. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  it('saving settings redraws the badge once; a write from elsewhere still redraws it', async () => {
    start([sampleAccount('work')]);
    const counts = watch();
    expect(await worker.onMessage({ type: 'save-settings', settings: { notifications: false } })).toMatchObject({
      ok: true,
    });
    await settle();
    expect(counts.redraws()).toBe(1);
    await fake.platform.storage.set({
      [SETTINGS_KEY]: sampleSettings([sampleAccount('work', { intervalMinutes: 30 })]),
    });
    await settle();
    expect(counts.redraws()).toBe(2);
    expect(fake.alarms.get('check:work')?.periodInMinutes).toBe(30);
  });

  it('an alarm for an account that is not due reads storage once and leaves the badge alone', async () => {
    const now = Date.now();
    start([sampleAccount('work')], {
      version: 1,
      accounts: { work: { count: 0, unseenCount: 0, unseen: [], failures: 0, lastCheckAt: now, lastSuccessAt: now } },
    });
    const counts = watch();
    await worker.onAlarm('check:work');
    expect(checksOf('work')).toEqual([]);
    // One read of the store: its settings and its state's items, fetched in one call.
    expect(counts.reads()).toBe(1);
    expect(counts.redraws()).toBe(0);
  });
});

describe('background worker after the host is installed', () => {
  it('a host that answers hello puts accounts stopped by HOST_NOT_FOUND back on their alarms', async () => {
    start([sampleAccount('work')]);
    fake.script((_request, port) => queueMicrotask(() => port.close('Specified native messaging host not found.')));
    await worker.start();
    expect(state().accounts.work?.error?.code).toBe('HOST_NOT_FOUND');
    expect(fake.alarms.has('check:work')).toBe(false);

    fake.script((request, port) => port.ok(request.id, hello));
    expect(await worker.onMessage({ type: 'host-status' })).toMatchObject({ ok: true, result: { installed: true } });
    expect(state().accounts.work?.error).toBeUndefined();
    expect(fake.alarms.has('check:work')).toBe(true);
  });
});
