import { beforeEach, describe, expect, it } from 'vitest';
import { STATE_VERSION, type ExtensionState } from '../../../src/storage/account-state';
import { EMPTY_ACCOUNT_STATE } from '../../../src/storage/empty-state';
import { notificationId } from '../../../src/background/notification-plan';
import { createWorker, type Worker } from '../../../src/background/worker';
import { SETTINGS_KEY } from '../../../src/storage/settings';
import type { Account } from '../../../src/shared/account';
import type { MessageSummary } from '../../../src/shared/mail';
import {
  createFakeBrowser,
  sampleAccount,
  sampleSettings,
  summary,
  type FakeBrowser,
  type HostRequest,
} from '../../helpers/fake-browser';

let fake: FakeBrowser;
let worker: Worker;
let hostLog: HostRequest[];
/** What the scripted host answers to open-mail-client: done, or this error code. */
let clientFailure: string | undefined;

const GMAIL = 'https://mail.google.com/mail/u/0/';

function start(accounts: Account[], unseen: Record<string, MessageSummary[]> = {}): void {
  fake.storage.set(SETTINGS_KEY, sampleSettings(accounts));
  const state: ExtensionState = {
    version: STATE_VERSION,
    accounts: Object.fromEntries(
      Object.entries(unseen).map(([id, messages]) => [
        id,
        { ...EMPTY_ACCOUNT_STATE, unseen: messages, unseenCount: messages.length },
      ]),
    ),
  };
  fake.storage.setState(state);
}

beforeEach(() => {
  hostLog = [];
  clientFailure = undefined;
  fake = createFakeBrowser((request, port) => {
    hostLog.push(request);
    if (request.type === 'open-mail-client' && clientFailure)
      return port.fail(request.id, clientFailure, 'Could not start the mail client "x".');
    port.ok(request.id, { done: true });
  });
  worker = createWorker(fake.platform);
});

describe('open-client: the webmail', () => {
  it('brings forward an open tab of the webmail when the user granted that site', async () => {
    start([sampleAccount('work')]);
    fake.openTab('https://other.example.org/', 1);
    const tab = fake.openTab('https://work.example.org/mail/inbox/draft-in-progress', 7);
    fake.grantedOrigins.add('https://work.example.org/*');

    expect(await worker.onMessage({ type: 'open-client', accountId: 'work' })).toEqual({
      ok: true,
      result: { opened: true },
    });

    expect(fake.openedTabs).toEqual([]);
    expect(tab).toMatchObject({ active: true, url: 'https://work.example.org/mail/inbox/draft-in-progress' });
    expect(fake.focusedWindows).toEqual([7]);
  });

  it('opens a new tab when the user refused the permission, even with the site open', async () => {
    start([sampleAccount('work')]);
    fake.openTab('https://work.example.org/mail');
    await worker.onMessage({ type: 'open-client', accountId: 'work' });
    expect(fake.openedTabs).toEqual(['https://work.example.org/mail']);
    expect(fake.focusedWindows).toEqual([]);
  });

  it('opens a new tab when the site is allowed but not open', async () => {
    start([sampleAccount('work')]);
    fake.openTab('https://home.example.org/mail');
    fake.grantedOrigins.add('https://work.example.org/*');
    await worker.onMessage({ type: 'open-client', accountId: 'work' });
    expect(fake.openedTabs).toEqual(['https://work.example.org/mail']);
  });

  it('still focuses the tab where the browser has no windows API', async () => {
    fake = createFakeBrowser(undefined, { windows: false });
    worker = createWorker(fake.platform);
    start([sampleAccount('work')]);
    const tab = fake.openTab('https://work.example.org/');
    fake.grantedOrigins.add('https://work.example.org/*');
    expect(await worker.onMessage({ type: 'open-client', accountId: 'work' })).toEqual({
      ok: true,
      result: { opened: true },
    });
    expect(tab.active).toBe(true);
    expect(fake.openedTabs).toEqual([]);
  });
});

describe('open-client: the desktop mail client', () => {
  it("asks the host to start the account's client by account, never by argv, and opens no tab", async () => {
    start([sampleAccount('work', { desktopClient: { command: ['thunderbird', '-mail'] } })]);
    expect(await worker.onMessage({ type: 'open-client', accountId: 'work' })).toEqual({
      ok: true,
      result: { opened: true },
    });
    expect(hostLog.map((r) => [r.type, r.payload])).toEqual([['open-mail-client', { accountId: 'work' }]]);
    expect(fake.openedTabs).toEqual([]);
    expect(fake.ports[0]?.disconnected).toBe(true);
  });

  it('asks for the client the same way when the account names no command (the host decides)', async () => {
    start([sampleAccount('work', { webmailUrl: '', desktopClient: {} })]);
    await worker.onMessage({ type: 'open-client', accountId: 'work' });
    expect(hostLog.map((r) => [r.type, r.payload])).toEqual([['open-mail-client', { accountId: 'work' }]]);
  });

  it("passes the host's failure on to the page", async () => {
    clientFailure = 'CLIENT_FAILED';
    start([sampleAccount('work', { desktopClient: { command: ['nope'] } })]);
    expect(await worker.onMessage({ type: 'open-client', accountId: 'work' })).toMatchObject({
      ok: false,
      error: { code: 'CLIENT_FAILED' },
    });
  });
});

describe('open-message', () => {
  const message = { ...summary('u-1'), messageId: '<abc@mail.example.org>' };
  const link = 'https://mail.google.com/mail/u/0/#search/rfc822msgid%3Aabc%40mail.example.org';

  it('opens a Gmail message by its Message-ID', async () => {
    start([sampleAccount('gmail', { webmailUrl: GMAIL })], { gmail: [message] });
    expect(await worker.onMessage({ type: 'open-message', accountId: 'gmail', uid: 'u-1' })).toEqual({
      ok: true,
      result: { opened: true },
    });
    expect(fake.openedTabs).toEqual([link]);
  });

  it('shows the message in an open, allowed Gmail tab', async () => {
    start([sampleAccount('gmail', { webmailUrl: GMAIL })], { gmail: [message] });
    const tab = fake.openTab('https://mail.google.com/mail/u/0/#inbox', 3);
    fake.grantedOrigins.add('https://mail.google.com/*');
    await worker.onMessage({ type: 'open-message', accountId: 'gmail', uid: 'u-1' });
    expect(tab).toMatchObject({ active: true, url: link });
    expect(fake.openedTabs).toEqual([]);
    expect(fake.focusedWindows).toEqual([3]);
  });

  it('falls back to the webmail for a message no longer kept, or a webmail without message links', async () => {
    start([sampleAccount('gmail', { webmailUrl: GMAIL }), sampleAccount('work')], {
      gmail: [message],
      work: [message],
    });
    await worker.onMessage({ type: 'open-message', accountId: 'gmail', uid: 'gone' });
    await worker.onMessage({ type: 'open-message', accountId: 'work', uid: 'u-1' });
    expect(fake.openedTabs).toEqual([GMAIL, 'https://work.example.org/mail']);
  });
});

describe('a click on a notification', () => {
  it('opens the one new message it announced', async () => {
    start([sampleAccount('gmail', { webmailUrl: GMAIL })], { gmail: [{ ...summary('u-1'), messageId: '<one@x>' }] });
    await worker.onNotificationClicked(notificationId('gmail'));
    expect(fake.openedTabs).toEqual(['https://mail.google.com/mail/u/0/#search/rfc822msgid%3Aone%40x']);
  });

  it('opens the webmail for several new messages', async () => {
    start([sampleAccount('gmail', { webmailUrl: GMAIL })], { gmail: [summary('u-2'), summary('u-1')] });
    await worker.onNotificationButton(notificationId('gmail'), 0);
    expect(fake.openedTabs).toEqual([GMAIL]);
  });
});
