/**
 * The notifier left running, in real headless Chromium with the built extension and host against
 * real Dovecot: alarms raise the badge without anyone pressing a button, a notification says
 * who wrote, "Dismiss" clears the badge, a wrong password is tried exactly once, and neither a
 * stopped service worker nor a browser restart loses the count or repeats a notification.
 * Checks are triggered with the one-off `check-all` alarm (it fires at once) instead of waiting
 * for the 1-minute interval.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { makeMessage, startDovecot, type DovecotServer } from '../../scripts/lib/dovecot';
import { storedAccounts } from '../../scripts/lib/extension-driver';
import { registerHost } from '../../scripts/lib/host-registration';
import { eventually } from '../helpers/eventually';
import type { Account } from '../../src/shared/account';

const root = resolve(import.meta.dirname, '../..');
const PASSWORD = 'e2e-Notify-4412';
const BOB_PASSWORD = 'e2e-Bob-9917';

/** What code evaluated in the extension's pages and worker uses of `chrome`. */
interface Chrome {
  chrome: {
    action: { getBadgeText(details: object): Promise<string> };
    alarms: { create(name: string, info: { when: number }): Promise<void> };
    notifications: {
      getAll(): Promise<Record<string, boolean>>;
      clear(id: string): Promise<boolean>;
      create: (...args: unknown[]) => unknown;
    };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
  browser?: { notifications?: { create: (...args: unknown[]) => unknown } };
  __created?: { id: unknown; title: unknown }[];
}

interface StoredAccount {
  unseenCount: number;
  lastCheckAt?: number;
  error?: { code: string };
}

let dir: string;
let profileDir: string;
let env: NodeJS.ProcessEnv;
let dovecot: DovecotServer;
let browser: ExtensionBrowser;
/** An extension page: evaluation there survives the service worker stopping. */
let page: Page;

function account(id: string, username: string): Account {
  return {
    id,
    name: id[0]?.toUpperCase() + id.slice(1),
    server: dovecot.serverSettings(username),
    webmailUrl: '',
    intervalMinutes: 1,
    enabled: true,
  };
}

const send = (message: unknown) =>
  page.evaluate((m) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage(m), message);
/** Sends a UI message and fails with the whole reply unless it succeeded. */
async function sendOk(message: unknown): Promise<void> {
  const reply = await send(message);
  if ((reply as { ok?: unknown } | undefined)?.ok !== true)
    throw new Error(`The extension refused ${JSON.stringify(message).slice(0, 40)}: ${JSON.stringify(reply)}`);
}
const badge = () => page.evaluate(() => (globalThis as unknown as Chrome).chrome.action.getBadgeText({}));
const notificationIds = async () =>
  Object.keys(await page.evaluate(() => (globalThis as unknown as Chrome).chrome.notifications.getAll()));
const stored = async (id: string) => (await storedAccounts(page))[id] as StoredAccount | undefined;
/** The one-off alarm the worker answers with a check of every account that is not stopped. */
const checkAll = () =>
  page.evaluate(() => (globalThis as unknown as Chrome).chrome.alarms.create('check-all', { when: Date.now() + 50 }));

/** Runs `checkAll` and waits until the account's state shows a check newer than before. */
async function checkAndWait(id: string): Promise<StoredAccount | undefined> {
  const before = (await stored(id))?.lastCheckAt ?? 0;
  await checkAll();
  return eventually(
    () => stored(id),
    (s) => (s?.lastCheckAt ?? 0) > before,
    `check of ${id}`,
  );
}

/** Sign-in attempts of one user in Dovecot's log (auth_verbose: one line per attempt). */
async function signIns(user: string): Promise<{ failed: number; ok: number }> {
  const lines = (await dovecot.authLog()).split('\n');
  return {
    failed: lines.filter((l) => l.includes(`(${user},`) && /mismatch|unknown user/i.test(l)).length,
    ok: lines.filter((l) => /pop3-login.*Login: user=</.test(l) && l.includes(`user=<${user}>`)).length,
  };
}

/** Records every notification the worker creates (title included, which getAll does not give). */
async function recordNotifications(): Promise<void> {
  const worker = await browser.worker();
  await worker.evaluate(() => {
    const scope = globalThis as unknown as Chrome;
    scope.__created = [];
    const wrap = (api: { create: (...args: unknown[]) => unknown } | undefined) => {
      if (!api) return;
      const original = api.create.bind(api);
      api.create = (...args: unknown[]) => {
        scope.__created?.push({ id: args[0], title: (args[1] as { title?: unknown } | undefined)?.title });
        return original(...args);
      };
    };
    wrap(scope.chrome.notifications);
    if (scope.browser?.notifications !== scope.chrome.notifications) wrap(scope.browser?.notifications);
  });
}
const created = async () => (await browser.worker()).evaluate(() => (globalThis as unknown as Chrome).__created ?? []);

async function launch(): Promise<void> {
  browser = await launchWithExtension({ profileDir, extensionDir: resolve(root, 'dist/chrome'), headless: true, env });
  await browser.worker();
  page = await browser.openPage('options/index.html');
}

beforeAll(async () => {
  if (!existsSync(resolve(root, 'dist/chrome/manifest.json')))
    throw new Error('dist/chrome is missing: run "npm run build" first.');
  dir = mkdtempSync(join(tmpdir(), 'popbiff-notifier-'));
  dovecot = await startDovecot({
    dir: join(dir, 'dovecot'),
    users: [
      { user: 'alice', password: PASSWORD },
      { user: 'bob', password: BOB_PASSWORD },
    ],
  });
  for (const n of [1, 2])
    await dovecot.deliver(
      'alice',
      makeMessage({ from: `Old ${n} <old${n}@example.org>`, subject: `Old ${n}`, body: 'x' }),
    );
  profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  env = { ...process.env, POPBIFF_CONFIG_DIR: join(dir, 'config') };
  registerHost({ profileDir, env });
  await launch();
  await sendOk({ type: 'save-account', account: account('alice', 'alice'), password: PASSWORD });
  // The badge with the account's error beside it, so that a failure says which error it was.
  const badgeAndError = async () => ({ badge: await badge(), error: (await stored('alice'))?.error });
  await eventually(badgeAndError, (seen) => seen.badge === '2', 'badge after the first check');
});

afterAll(async () => {
  await browser?.close();
  await dovecot?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Popbiff left running in Chromium', () => {
  it('the first check counts the mailbox without a notification', async () => {
    expect(await notificationIds()).toEqual([]);
  });

  it('mail delivered later raises the badge on the next alarm, and is notified with the sender', async () => {
    await recordNotifications();
    await dovecot.deliver(
      'alice',
      makeMessage({ from: 'Grace Hopper <grace@example.org>', subject: 'A bug in relay 70', body: 'Moth.' }),
    );
    await checkAll();
    expect(await eventually(badge, (t) => t === '3', 'badge after the alarm')).toBe('3');
    expect(await eventually(notificationIds, (ids) => ids.length === 1, 'notifications')).toEqual([
      'popbiff-mail:alice',
    ]);
    expect(await created()).toEqual([{ id: 'popbiff-mail:alice', title: 'Alice: Grace Hopper' }]);
  });

  it('"Dismiss" clears the badge and the notification', async () => {
    await sendOk({ type: 'dismiss', accountId: 'alice' });
    expect(await badge()).toBe('');
    expect(await notificationIds()).toEqual([]);
  });

  it('a wrong password shows the error badge and is tried exactly once until it is fixed', async () => {
    const before = await signIns('bob');
    await sendOk({ type: 'save-account', account: account('bob', 'bob'), password: 'wrong-password' });
    await eventually(
      () => stored('bob'),
      (s) => s?.error?.code === 'AUTH_FAILED',
      'bob stopped',
    );
    expect(await badge()).toBe('!');
    for (let i = 0; i < 3; i += 1) await checkAndWait('alice');
    const after = await signIns('bob');
    expect(after.failed - before.failed, await dovecot.authLog()).toBe(1);

    await sendOk({ type: 'save-account', account: account('bob', 'bob'), password: BOB_PASSWORD });
    await eventually(
      () => stored('bob'),
      (s) => s?.lastCheckAt !== undefined && s.error === undefined,
      'bob fixed',
    );
    expect((await signIns('bob')).failed - before.failed).toBe(1);
    expect(await eventually(badge, (t) => t === '', 'badge after the fix')).toBe('');
  }, 60_000);

  it('the count survives the service worker being stopped', async () => {
    await dovecot.deliver('alice', makeMessage({ from: 'Ada <ada@example.org>', subject: 'Engines', body: 'x' }));
    await checkAndWait('alice');
    // The badge is redrawn just after the state is written.
    expect(await eventually(badge, (t) => t === '1', 'badge before the worker stops')).toBe('1');

    // Mark the worker's global scope, then close its target: a fresh worker has no mark.
    await (await browser.worker()).evaluate(() => Object.assign(globalThis, { __popbiffMark: true }));
    const cdp = await browser.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const sw = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`),
    );
    expect(sw).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: sw?.targetId ?? '' });
    await cdp.detach();

    await dovecot.deliver('alice', makeMessage({ from: 'Linus <linus@example.org>', subject: 'Kernel', body: 'x' }));
    // The alarm wakes a fresh worker, which starts from storage alone.
    const after = await checkAndWait('alice');
    expect(after?.unseenCount).toBe(2);
    expect(await eventually(badge, (t) => t === '2', 'badge after the worker restarted')).toBe('2');
    const latest = browser.context
      .serviceWorkers()
      .filter((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`))
      .at(-1);
    expect(await latest?.evaluate(() => 'popbiffMark' in globalThis || '__popbiffMark' in globalThis)).toBe(false);
  });

  it('after a browser restart on the same profile, the count is there and nothing is notified again', async () => {
    await page.evaluate(async () => {
      for (const id of Object.keys(await (globalThis as unknown as Chrome).chrome.notifications.getAll()))
        await (globalThis as unknown as Chrome).chrome.notifications.clear(id);
    });
    const before = await stored('alice');
    await browser.close();

    await launch();
    expect(await eventually(badge, (t) => t === '2', 'badge after the restart')).toBe('2');
    await recordNotifications();
    const after = await checkAndWait('alice');
    expect(after?.unseenCount).toBe(before?.unseenCount);
    expect(await created()).toEqual([]);
    expect(await notificationIds()).toEqual([]);
  }, 60_000);
});
