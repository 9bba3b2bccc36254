// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../src/popup/Popup';
import { ERROR_CODES, ERROR_TABLE } from '../../src/shared/errors';
import fakeBrowser, { answerWith, resetFakeBrowser, sent } from './ui-fake-browser';
import { account, accountState, message, stored } from './ui-fixtures';

vi.mock('../../src/browser', () => import('./ui-fake-browser'));

const NOW = Date.parse('2025-03-01T12:30:00.000Z');

beforeEach(() => {
  resetFakeBrowser();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

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
    await showPopup(stored([account()], { 'acc-1': accountState({ count: 12, lastCheckAt: NOW - 120_000 }) }));
    expect(await screen.findByText('No new mail')).toBeTruthy();
    const section = screen.getByRole('region', { name: 'Home mail' });
    expect(within(section).getByText(/checked 2 minutes ago · 12 on the server/)).toBeTruthy();
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
    await fakeBrowser.storage.local.set({ state: stored([], { 'acc-1': accountState({ unseenCount: 2, unseen }) }).state });
    expect(await screen.findByText('Newest one')).toBeTruthy();
    expect(screen.queryByText('No new mail')).toBeNull();
  });

  it('sends dismiss for all accounts only when Dismiss is pressed', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 2, unseen }) }));
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(sent).toEqual([{ type: 'dismiss' }]));
  });

  it('opens the mail client from the account name and from "Open mail"', async () => {
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 2, unseen }) }));
    const section = screen.getByRole('region', { name: 'Home mail' });
    fireEvent.click(within(section).getByRole('button', { name: 'Home mail' }));
    fireEvent.click(within(section).getByRole('button', { name: 'Open mail' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent).toEqual([
      { type: 'open-client', accountId: 'acc-1' },
      { type: 'open-client', accountId: 'acc-1' },
    ]);
  });
});

describe('popup Check now', () => {
  it('is busy while the check is pending and ignores a second press', async () => {
    let finish: () => void = () => undefined;
    answerWith(() => new Promise((resolve) => (finish = () => resolve({ ok: true, result: null }))));
    await showPopup(stored([account()]));
    const button = screen.getByRole('button', { name: 'Check now' });
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    fireEvent.click(button);
    expect(sent).toEqual([{ type: 'check-now' }]);
    finish();
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('false'));
  });

  it('shows the error and how to install the host when the check fails with HOST_NOT_FOUND', async () => {
    answerWith(() => ({ ok: false, error: { code: 'HOST_NOT_FOUND', message: 'Specified native messaging host not found.' } }));
    await showPopup(stored([account()]));
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(await screen.findByText(ERROR_TABLE.HOST_NOT_FOUND.message)).toBeTruthy();
    expect(screen.getByText('npx popbiff install').tagName).toBe('CODE');
  });
});

describe('popup account errors', () => {
  it.each(ERROR_CODES)('shows the message and the fix for %s', async (code) => {
    const error = { code, message: `detail for ${code}` };
    await showPopup(stored([account()], { 'acc-1': accountState({ error }) }));
    const section = screen.getByRole('region', { name: 'Home mail' });
    expect(within(section).getByText(ERROR_TABLE[code].message)).toBeTruthy();
    expect(within(section).getByText(`detail for ${code}`)).toBeTruthy();
    const action = section.querySelector('.error-action')?.textContent;
    expect(action).toBe(ERROR_TABLE[code].action.replaceAll('"', ''));
  });

  it.each(['AUTH_FAILED', 'NO_PASSWORD', 'CERT_UNTRUSTED'] as const)('%s offers "Edit account", opening the options page', async (code) => {
    await showPopup(stored([account()], { 'acc-1': accountState({ error: { code, message: '' } }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit account' }));
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
    expect(item.querySelector('.from')?.textContent).toBe('Evefdp.exe');
    expect(item.querySelector('.subject')?.textContent).toBe('שלום world Bcc: x');
  });

  it('shows the address when the sender has no name, and a placeholder for no subject', async () => {
    const unseen = [message({ from: { name: '', address: 'bob@example.com' }, subject: '' })];
    await showPopup(stored([account()], { 'acc-1': accountState({ unseenCount: 1, unseen }) }));
    const item = screen.getByRole('listitem');
    expect(item.querySelector('.from')?.textContent).toBe('bob@example.com');
    expect(item.querySelector('.subject')?.textContent).toBe('(no subject)');
  });
});
