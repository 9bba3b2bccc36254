// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../src/popup/Popup';
import { ERROR_CODES, ERROR_TABLE } from '../../../src/shared/errors';
import { ACCOUNT_COLOURS } from '../../../src/ui/account-colour';
import { resetUiLanguage } from '../../../src/ui/i18n';
import fakeBrowser, { answerWith, sent, useLanguage } from '../../helpers/ui-fake-browser';
import { account, accountState, message, stored } from '../../helpers/ui-fixtures';
import { freshPageEachTest } from '../../helpers/ui-test-clock';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

const NOW = Date.parse('2025-03-01T12:30:00.000Z');

freshPageEachTest(NOW);

/** How the DOM reports a colour set as a style (happy-dom keeps hex; browsers give rgb()). */
function colourStyle(colour: string): string {
  const probe = document.createElement('span');
  probe.style.background = colour;
  return probe.style.background;
}

async function showPopup(data: ReturnType<typeof stored>): Promise<void> {
  await fakeBrowser.storage.local.set(data);
  render(<Popup />);
  await screen.findByRole('button', { name: 'Check now' });
}

describe('popup empty states', () => {
  it('offers to add the first account when there is none, opening the options page', async () => {
    await showPopup(stored([]));
    fireEvent.click(await screen.findByRole('button', { name: 'Add your first account' }));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('says "No new mail" when accounts have nothing unseen', async () => {
    const checked = { count: 12, lastCheckAt: NOW - 120_000, lastSuccessAt: NOW - 120_000 };
    await showPopup(stored([account()], { 'acc-1': accountState(checked) }));
    expect(await screen.findByText('No new mail')).toBeTruthy();
    const section = screen.getByRole('region', { name: 'Home mail' });
    expect(within(section).getByText(/checked 2 minutes ago · 12 messages on the server/)).toBeTruthy();
  });

  it('shows no count on the server beside a failure when no check has ever reached the mailbox', async () => {
    const error = { code: 'CONNECT_FAILED' as const, message: 'Connection refused.' };
    await showPopup(stored([account()], { 'acc-1': accountState({ lastCheckAt: NOW - 5_000, error, failures: 1 }) }));
    const section = await screen.findByRole('region', { name: 'Home mail' });
    expect(section.querySelector('.meta')?.textContent).toBe('checked now');
  });

  it('after a failure, shows the last count really seen with its own time', async () => {
    const error = { code: 'CERT_UNTRUSTED' as const, message: 'Not trusted.' };
    const earlier = { count: 12, lastSuccessAt: NOW - 2 * 3600_000, lastCheckAt: NOW - 5_000, error, failures: 1 };
    await showPopup(stored([account()], { 'acc-1': accountState(earlier) }));
    const section = await screen.findByRole('region', { name: 'Home mail' });
    expect(section.querySelector('.meta')?.textContent).toBe(
      'checked now · 12 messages on the server (seen 2 hours ago)',
    );
  });
});

describe('popup with new mail', () => {
  const unseen = [
    message({ uid: 'old', subject: 'Older one', date: '2025-03-01T08:00:00.000Z' }),
    message({ uid: 'new', subject: 'Newest one', date: '2025-03-01T12:10:00.000Z', size: 2.5 * 1024 * 1024 }),
  ];

  it('lists the unseen messages newest first with sender, subject, date and size', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ count: 5, unseenCount: 2, unseen }) }));
    const section = await screen.findByRole('region', { name: 'Home mail' });
    expect(within(section).getByText('2 new')).toBeTruthy();
    const items = within(section).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.subject')?.textContent)).toEqual(['Newest one', 'Older one']);
    expect(items[0]?.querySelector('.from')?.getAttribute('title')).toBe('bob@example.com');
    expect(items[0]?.querySelector('.from .name')?.textContent).toBe('Bob Sender');
    // Shown while the row has keyboard focus (CSS), so the address is in the row too.
    expect(items[0]?.querySelector('.from .address')?.textContent).toBe(' bob@example.com');
    expect(items[0]?.querySelectorAll('.unread')).toHaveLength(1);
    expect(items[0]?.querySelector('.size')?.textContent).toBe('2.5 MB');
    expect(items[0]?.querySelector('.date')?.textContent).not.toBe('');
    expect(screen.queryByText('No new mail')).toBeNull();
  });

  it('says how many more there are when only some summaries are kept', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 7, unseen }) }));
    expect(await screen.findByText('and 5 more')).toBeTruthy();
  });

  it('re-renders when the background writes new state while the popup is open', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState() }));
    await screen.findByText('No new mail');
    await fakeBrowser.storage.local.set({
      state: stored([], { 'acc-1': accountState({ unseenCount: 2, unseen }) }).state,
    });
    expect(await screen.findByText('Newest one')).toBeTruthy();
    expect(screen.queryByText('No new mail')).toBeNull();
  });

  it('sends dismiss for all accounts only when Dismiss is pressed', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 2, unseen }) }));
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(sent).toEqual([{ type: 'dismiss' }]));
  });

  it('opens the account’s client from its name, and the first account’s from "Open mail"', async () => {
    const second = account({ id: 'acc-2', name: 'Work' });
    await showPopup(stored([account(), second], { 'acc-1': accountState({ unseenCount: 2, unseen }) }));
    const work = screen.getByRole('region', { name: 'Work' });
    fireEvent.click(within(work).getByRole('button', { name: 'Work' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open mail' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent).toEqual([
      { type: 'open-client', accountId: 'acc-2' },
      { type: 'open-client', accountId: 'acc-1' },
    ]);
  });

  it('gives each account a colour dot that stays the same for the same id', async () => {
    await showPopup(stored([account(), account({ id: 'acc-2', name: 'Work' })]));
    const dot = (name: string) =>
      (screen.getByRole('region', { name }).querySelector('.dot') as HTMLElement).style.background;
    const first = dot('Home mail');
    expect(first).toMatch(/hsl/);
    expect(dot('Work')).not.toBe(first);
    cleanup();
    await showPopup(stored([account()]));
    expect(dot('Home mail')).toBe(first);
  });

  it("shows the account's chosen colour in its dot instead of the derived one", async () => {
    await showPopup(stored([account({ color: 'teal' }), account({ id: 'acc-2', name: 'Work' })]));
    const dot = (name: string) =>
      (screen.getByRole('region', { name }).querySelector('.dot') as HTMLElement).style.background;
    expect(dot('Home mail')).toBe(colourStyle(ACCOUNT_COLOURS.teal));
    expect(dot('Work')).toMatch(/hsl/);
  });
});

describe('popup quick preview', () => {
  const full = message({
    uid: 'p1',
    from: { name: 'paypal@paypal.com', address: 'evil@x.ru' },
    to: [{ name: 'Ann', address: 'ann@example.com' }],
    cc: [{ name: '', address: 'team@example.com' }],
    messageId: '<abc@x.ru>',
    headers: {
      'authentication-results': 'mx.example.com; spf=fail smtp.mailfrom=x.ru; dkim=pass header.d=x.ru; dmarc=fail',
    },
  });

  it('expands and collapses with a button that says whether it is expanded', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen: [full] }) }));
    const row = screen.getByRole('button', { expanded: false });
    expect(document.getElementById(row.getAttribute('aria-controls') ?? '')).toBeNull();
    fireEvent.click(row);
    expect(row.getAttribute('aria-expanded')).toBe('true');
    const preview = document.getElementById(row.getAttribute('aria-controls') ?? '');
    expect(preview).not.toBeNull();
    fireEvent.click(row);
    expect(row.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows From, To, Cc, the full date and the Message-ID', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen: [full] }) }));
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    const terms = [...document.querySelectorAll('.preview dt')].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(terms).toEqual([
      ['From', 'paypal@paypal.com <evil@x.ru>'],
      ['To', 'Ann <ann@example.com>'],
      ['Cc', 'team@example.com'],
      [
        'Date',
        'Saturday, March 1, 2025 at 12:00 PM'.replace(
          '12:00 PM',
          new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(Date.parse(full.date)),
        ),
      ],
      ['Message-ID', '<abc@x.ru>'],
    ]);
  });

  it('warns when the display name shows another address than the real sender', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen: [full] }) }));
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    expect(screen.getByRole('note').textContent).toBe(
      'Careful: the name shows paypal@paypal.com, but the message comes from evil@x.ru.',
    );
  });

  const trusting = account({ trustedAuthservIds: ['mx.example.com'] });

  it('shows SPF, DKIM and DMARC results and who reported them, when the account trusts that server', async () => {
    await showPopup(stored([trusting], { 'acc-1': accountState({ unseenCount: 1, unseen: [full] }) }));
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    const results = [...document.querySelectorAll('.auth-result')].map((el) => [el.textContent, el.className]);
    expect(results).toEqual([
      ['SPF failed', 'auth-result fail'],
      ['DKIM passed', 'auth-result pass'],
      ['DMARC failed', 'auth-result fail'],
    ]);
    expect(screen.getByText('as reported by mx.example.com')).toBeTruthy();
  });

  it('says nothing was verified when the results come from a server the account does not trust', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen: [full] }) }));
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    expect(document.querySelector('.auth-result')).toBeNull();
    expect(document.querySelector('.auth')?.textContent).toContain('Nothing about the sender was verified');
    expect(document.querySelector('.auth')?.textContent).toContain('written by mx.example.com, which could be');
    fireEvent.click(screen.getByRole('button', { name: 'mx.example.com is my mail server' }));
    await waitFor(() =>
      expect(sent).toContainEqual({ type: 'trust-authserv-id', accountId: 'acc-1', authservId: 'mx.example.com' }),
    );
  });

  it('has no warning and no results for an ordinary message without the header: nothing verified', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen: [message()] }) }));
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    expect(screen.queryByRole('note')).toBeNull();
    expect(document.querySelector('.auth-result')).toBeNull();
    expect(document.querySelector('.auth')?.textContent).toBe(
      'Nothing about the sender was verified: this message has no authentication results from a server Popbiff knows as yours.',
    );
    expect(document.querySelector('.preview')?.textContent).toContain('Bob Sender <bob@example.com>');
  });
});

describe('popup Check now', () => {
  it('checks one account from its card, with a spinner on that card only', async () => {
    let finish: () => void = () => undefined;
    answerWith(() => new Promise((resolve) => (finish = () => resolve({ ok: true, result: { held: [] } }))));
    await showPopup(stored([account(), account({ id: 'acc-2', name: 'Work' })]));
    const work = within(screen.getByRole('region', { name: 'Work' })).getByRole('button', { name: 'Check Work now' });
    const home = within(screen.getByRole('region', { name: 'Home mail' })).getByRole('button', {
      name: 'Check Home mail now',
    });
    fireEvent.click(work);
    await waitFor(() => expect(work.getAttribute('aria-busy')).toBe('true'));
    expect(work.querySelector('.spinner')).not.toBeNull();
    expect(home.getAttribute('aria-busy')).toBe('false');
    fireEvent.click(work);
    expect(sent).toEqual([{ type: 'check-now', accountId: 'acc-2' }]);
    finish();
    await waitFor(() => expect(work.getAttribute('aria-busy')).toBe('false'));
  });

  it('spins on every card while the header check of all accounts is pending', async () => {
    let finish: () => void = () => undefined;
    answerWith(() => new Promise((resolve) => (finish = () => resolve({ ok: true, result: { held: [] } }))));
    await showPopup(stored([account(), account({ id: 'acc-2', name: 'Work' })]));
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(document.querySelectorAll('.account .spinner')).toHaveLength(2));
    finish();
    await waitFor(() => expect(document.querySelectorAll('.spinner')).toHaveLength(0));
  });

  it('is busy while the check is pending and ignores a second press', async () => {
    let finish: () => void = () => undefined;
    answerWith(() => new Promise((resolve) => (finish = () => resolve({ ok: true, result: { held: [] } }))));
    await showPopup(stored([account()]));
    const button = screen.getByRole('button', { name: 'Check now' });
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    fireEvent.click(button);
    expect(sent).toEqual([{ type: 'check-now' }]);
    finish();
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('false'));
  });

  it('says in one sentence why a check was not sent and when the next one is possible', async () => {
    const until = NOW + 9 * 60_000;
    const hold = { accountId: 'acc-1', until, minutes: 15, reason: 'provider', providerName: 'WEB.DE' };
    answerWith(() => ({ ok: true, result: { held: [hold] } }));
    await showPopup(stored([account(), account({ id: 'acc-2', name: 'Work' })]));
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    const home = screen.getByRole('region', { name: 'Home mail' });
    const at = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(until);
    expect((await within(home).findByRole('status')).textContent).toBe(
      `Not checked: WEB.DE refuses sign-ins more often than every 15 min; the next check is possible at ${at}.`,
    );
    expect(within(screen.getByRole('region', { name: 'Work' })).queryByRole('status')).toBeNull();
    // A check that went through afterwards takes the sentence away.
    answerWith(() => ({ ok: true, result: { held: [] } }));
    fireEvent.click(within(home).getByRole('button', { name: 'Check Home mail now' }));
    await waitFor(() => expect(within(home).queryByRole('status')).toBeNull());
  });

  it('says when the server’s own LOGIN-DELAY holds a check back', async () => {
    const until = NOW + 4 * 60_000;
    answerWith(() => ({
      ok: true,
      result: { held: [{ accountId: 'acc-1', until, minutes: 5, reason: 'login-delay' }] },
    }));
    await showPopup(stored([account()]));
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect((await screen.findByRole('status')).textContent).toMatch(
      /^Not checked: the server asks for 5 min between sign-ins; the next check is possible at /,
    );
  });

  it('shows the error and how to install the host when the check fails with HOST_NOT_FOUND', async () => {
    answerWith(() => ({
      ok: false,
      error: { code: 'HOST_NOT_FOUND', message: 'Specified native messaging host not found.' },
    }));
    await showPopup(stored([account()]));
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(await screen.findByText(ERROR_TABLE.HOST_NOT_FOUND.message)).toBeTruthy();
    expect(screen.getByText('npx popbiff install').tagName).toBe('CODE');
    fireEvent.click(screen.getByRole('button', { name: 'How to install' }));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('does not repeat the headline when the detail starts with it', async () => {
    const headline = ERROR_TABLE.HOST_NOT_FOUND.message;
    answerWith(() => ({
      ok: false,
      error: { code: 'HOST_NOT_FOUND', message: `${headline} (Specified native messaging host not found.)` },
    }));
    await showPopup(stored([account()]));
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('Specified native messaging host not found.')).toBeTruthy();
    expect(screen.getAllByText(headline, { exact: false })).toHaveLength(1);
  });
});

describe('popup account errors', () => {
  it.each(ERROR_CODES)('shows the message and the fix for %s', async (code) => {
    const error = { code, message: `detail for ${code}` };
    await showPopup(stored([account()], { 'acc-1': accountState({ error }) }));
    const section = screen.getByRole('region', { name: 'Home mail' });
    expect(within(section).getByText(ERROR_TABLE[code].message)).toBeTruthy();
    expect(within(section).getByText(`detail for ${code}`)).toBeTruthy();
    if (code === 'HOST_NOT_FOUND' || code === 'HOST_OUTDATED') {
      // The fix is getting the host: this build's steps (a developer build: the npm path) instead.
      const steps = section.querySelector('.get-host')?.textContent;
      expect(steps).toContain(
        code === 'HOST_OUTDATED' ? 'Update the Popbiff host with npx popbiff install' : 'npx popbiff install',
      );
      expect(steps).toContain('npx popbiff doctor');
      return;
    }
    const action = section.querySelector('.error-action')?.textContent;
    expect(action).toBe(ERROR_TABLE[code].action.replaceAll('"', ''));
  });

  it.each([
    ['AUTH_FAILED', 'Edit account'],
    ['NO_PASSWORD', 'Edit account'],
    ['CERT_UNTRUSTED', 'Review certificate'],
    ['HOST_NOT_FOUND', 'How to install'],
  ] as const)('%s offers "%s", opening the options page', async (code, label) => {
    await showPopup(stored([account()], { 'acc-1': accountState({ error: { code, message: '' } }) }));
    fireEvent.click(screen.getByRole('button', { name: label }));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('a passing problem like IN_USE offers no settings change', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ error: { code: 'IN_USE', message: '' } }) }));
    expect(screen.getByText(ERROR_TABLE.IN_USE.message)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit account' })).toBeNull();
  });
});

describe('popup shows hostile header text as harmless text', () => {
  it('renders HTML in a subject literally, creating no elements', async () => {
    const subject = '<img src=x onerror="alert(1)"><b>bold</b>';
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen: [message({ subject })] }) }));
    const item = screen.getByRole('listitem');
    expect(item.querySelector('.subject')?.textContent).toBe(subject);
    expect(item.querySelector('img')).toBeNull();
    expect(item.querySelector('b')).toBeNull();
  });

  it('caps a long subject at 300 characters with an ellipsis', async () => {
    const subject = 'x'.repeat(5000);
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen: [message({ subject })] }) }));
    const shown = screen.getByRole('listitem').querySelector('.subject')?.textContent ?? '';
    expect(shown).toHaveLength(300);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('strips bidi overrides and control characters but keeps right-to-left letters', async () => {
    const name = 'Eve\u202Efdp.exe\u202C';
    const subject = 'שלום\u0000\u0007 world\r\nBcc: x';
    const unseen = [message({ from: { name, address: 'eve@example.com' }, subject })];
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen }) }));
    const item = screen.getByRole('listitem');
    expect(item.querySelector('.from .name')?.textContent).toBe('Evefdp.exe');
    expect(item.querySelector('.subject')?.textContent).toBe('שלום world Bcc: x');
  });

  it('shows the address when the sender has no name, and a placeholder for no subject', async () => {
    const unseen = [message({ from: { name: '', address: 'bob@example.com' }, subject: '' })];
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen }) }));
    const item = screen.getByRole('listitem');
    expect(item.querySelector('.from .name')?.textContent).toBe('bob@example.com');
    expect(item.querySelector('.from .address')).toBeNull();
    expect(item.querySelector('.subject')?.textContent).toBe('(no subject)');
  });
});

describe('popup states and languages', () => {
  it('shows only the header while storage is being read', () => {
    render(<Popup />);
    expect(screen.getByRole('button', { name: 'Check now' })).toBeTruthy();
    expect(screen.queryByRole('main')).toBeNull();
  });

  it('says the settings cannot be read when they are of an unknown version', async () => {
    await fakeBrowser.storage.local.set({ settings: { version: 99, accounts: [] } });
    render(<Popup />);
    expect(await screen.findByText(/The stored settings cannot be read/)).toBeTruthy();
  });

  it('still reads settings of version 1 (before the background has migrated them)', async () => {
    await fakeBrowser.storage.local.set({ settings: { version: 1, accounts: [account()], notifications: true } });
    render(<Popup />);
    expect(await screen.findByRole('region', { name: 'Home mail' })).toBeTruthy();
  });

  it('speaks Spanish with Spanish dates, numbers and relative times', async () => {
    useLanguage('es');
    resetUiLanguage();
    const unseen = [message({ size: 2.5 * 1024 * 1024 })];
    await fakeBrowser.storage.local.set(
      stored([account()], {
        'acc-1': accountState({
          count: 1234,
          unseenCount: 1,
          unseen,
          lastCheckAt: NOW - 120_000,
          lastSuccessAt: NOW - 120_000,
        }),
      }),
    );
    render(<Popup />);
    const section = await screen.findByRole('region', { name: 'Home mail' });
    expect(screen.getByRole('button', { name: 'Comprobar ahora' })).toBeTruthy();
    expect(within(section).getByText('comprobado hace 2 minutos · 1234 mensajes en el servidor')).toBeTruthy();
    expect(within(section).getByText('1 nuevo')).toBeTruthy();
    expect(section.querySelector('.size')?.textContent).toBe('2,5 MB');
    fireEvent.click(within(section).getByRole('button', { expanded: false }));
    expect(document.querySelector('.preview dt')?.textContent).toBe('De');
    expect(document.querySelector('.preview dd:nth-of-type(2)')?.textContent).toMatch(/sábado, 1 de marzo de 2025/);
  });

  it('shows right-to-left subjects and names in their own direction islands', async () => {
    const unseen = [message({ from: { name: 'محمد', address: 'm@example.com' }, subject: 'שלום עולם' })];
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen }) }));
    const item = screen.getByRole('listitem');
    expect(item.querySelector('.from .name')?.textContent).toBe('محمد');
    expect(item.querySelector('.subject')?.textContent).toBe('שלום עולם');
    // Each finds its own direction, whatever the UI's (a Hebrew subject in an English popup and the reverse).
    expect(item.querySelector('.from .name')?.getAttribute('dir')).toBe('auto');
    expect(item.querySelector('.subject')?.getAttribute('dir')).toBe('auto');
  });

  it('lists 5 accounts of 100 messages each, all 500 rows', async () => {
    const accounts = [1, 2, 3, 4, 5].map((n) => account({ id: `acc-${n}`, name: `Account ${n}` }));
    const states = Object.fromEntries(
      accounts.map((a) => [
        a.id,
        accountState({
          unseenCount: 100,
          unseen: Array.from({ length: 100 }, (_, i) => message({ uid: `${a.id}-${i}`, subject: `Subject ${i}` })),
        }),
      ]),
    );
    await showPopup(stored(accounts, states));
    // A screenful per account first; every row right after the first paint.
    await waitFor(() => expect(document.querySelectorAll('.message')).toHaveLength(500));
    expect(new Set([...document.querySelectorAll('.row')].map((row) => row.getAttribute('aria-controls'))).size).toBe(
      500,
    );
  });
});
