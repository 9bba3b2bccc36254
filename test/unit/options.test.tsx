// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UiMessage } from '../../src/background/messages';
import { OptionsPage } from '../../src/options/OptionsPage';
import { Account } from '../../src/shared/account';
import { ERROR_TABLE } from '../../src/shared/errors';
import fakeBrowser, { answerWith, resetFakeBrowser, sent } from './ui-fake-browser';
import { account, stored } from './ui-fixtures';

vi.mock('../../src/browser', () => import('./ui-fake-browser'));

/** A background that reports an installed host and accepts every save. */
function healthyBackground(message: UiMessage) {
  if (message.type === 'host-status') return { ok: true as const, result: { installed: true, hostVersion: '0.1.0' } };
  return { ok: true as const, result: null };
}

beforeEach(async () => {
  resetFakeBrowser();
  answerWith(healthyBackground);
});
afterEach(cleanup);

async function showOptions(accounts: Account[] = []): Promise<void> {
  await fakeBrowser.storage.local.set(stored(accounts));
  render(<OptionsPage />);
  await screen.findByText(/Host installed/);
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
const saves = () => sent.filter((message) => message.type === 'save-account');

function fillValidForm(): void {
  type('Account name', 'Work');
  type('Email server', 'pop.example.org');
  type('User name', 'ann@example.org');
  type('Password', 's3cret pass');
  type('Webmail address', 'https://mail.example.org');
}

describe('options: adding an account', () => {
  it('a valid form sends save-account with the password and a schema-valid account', async () => {
    await showOptions();
    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    const [save] = saves();
    if (save?.type !== 'save-account') throw new Error('no save-account was sent');
    expect(save.password).toBe('s3cret pass');
    expect(Account.safeParse(save.account).success).toBe(true);
    expect(save.account).toMatchObject({
      name: 'Work',
      server: { host: 'pop.example.org', port: 995, security: 'tls', allowPlaintext: false, username: 'ann@example.org' },
      webmailUrl: 'https://mail.example.org',
      intervalMinutes: 5,
      enabled: true,
    });
    expect(save.account.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The form is reset for the next account.
    expect(field('Account name').value).toBe('');
    expect(field('Password').value).toBe('');
  });

  it('shows inline errors next to each field and sends nothing when invalid', async () => {
    await showOptions();
    type('Port', '70000');
    type('Webmail address', 'javascript:alert(1)');
    type('Check every (minutes)', 'soon');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Enter a name for the account.');
    const expectations: [string, string][] = [
      ['Account name', 'Enter a name for the account.'],
      ['Email server', 'Enter the server name.'],
      ['Port', 'The port must be between 1 and 65535.'],
      ['User name', 'Enter the user name.'],
      ['Password', 'Enter the password.'],
      ['Webmail address', 'The webmail address must start with https:// or http://.'],
      ['Check every (minutes)', 'The interval must be whole minutes.'],
    ];
    for (const [label, error] of expectations) {
      const input = field(label);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const describedBy = input.getAttribute('aria-describedby') ?? '';
      const texts = describedBy.split(' ').map((id) => document.getElementById(id)?.textContent);
      expect(texts).toContain(error);
    }
    expect(saves()).toEqual([]);
  });

  it('refuses clear text until "Allow clear text" is ticked, with a warning', async () => {
    await showOptions();
    fillValidForm();
    fireEvent.change(field('Security'), { target: { value: 'plain' } });
    expect(screen.getByText(/password and mail travel unprotected/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText(/tick "Allow clear text" to confirm/);
    expect(saves()).toEqual([]);

    fireEvent.click(field('Allow clear text'));
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(saves()[0]).toMatchObject({ account: { server: { security: 'plain', allowPlaintext: true, port: 110 } } });
  });

  it('changing security moves the port to its default unless the user typed one', async () => {
    await showOptions();
    expect(field('Port').value).toBe('995');
    fireEvent.change(field('Security'), { target: { value: 'starttls' } });
    expect(field('Port').value).toBe('110');
    type('Port', '1110');
    fireEvent.change(field('Security'), { target: { value: 'tls' } });
    expect(field('Port').value).toBe('1110');
  });

  it('the "Allow clear text" box only exists for clear text', async () => {
    await showOptions();
    expect(screen.queryByLabelText('Allow clear text')).toBeNull();
    fireEvent.change(field('Security'), { target: { value: 'plain' } });
    expect(screen.getByLabelText('Allow clear text')).toBeTruthy();
  });

  it('rejects a relative CA certificate path', async () => {
    await showOptions();
    fillValidForm();
    type('CA certificate file (optional)', 'certs/ca.pem');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText(/full path of the certificate file/);
    expect(saves()).toEqual([]);
  });

  it("shows the host's error with its fix when saving fails", async () => {
    answerWith((message) =>
      message.type === 'save-account'
        ? { ok: false, error: { code: 'STORAGE_FAILED', message: 'EACCES on the secrets file' } }
        : healthyBackground(message),
    );
    await showOptions();
    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(await screen.findByText(ERROR_TABLE.STORAGE_FAILED.message)).toBeTruthy();
    expect(screen.getByText(ERROR_TABLE.STORAGE_FAILED.action)).toBeTruthy();
    expect(screen.queryByText('Saved')).toBeNull();
    expect(field('Account name').value).toBe('Work');
  });
});

describe('options: existing accounts', () => {
  it('editing keeps the id and sends no password when the field is left empty', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail' })]);
    const row = screen.getByRole('listitem', { name: 'Home mail' });
    fireEvent.click(within(row).getByRole('button', { name: 'Edit' }));
    expect(field('Email server').value).toBe('pop.example.com');
    expect(field('Password').value).toBe('');
    type('Check every (minutes)', '15');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    const [save] = saves();
    if (save?.type !== 'save-account') throw new Error('no save-account was sent');
    expect(save.account.id).toBe('acc-7');
    expect(save.account.intervalMinutes).toBe(15);
    expect(save.password).toBeUndefined();
  });

  it('remove asks inline first; "No" sends nothing, "Yes" sends delete-account', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail' })]);
    const row = screen.getByRole('listitem', { name: 'Home mail' });
    fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(row).getByRole('button', { name: 'No' }));
    expect(sent.filter((message) => message.type === 'delete-account')).toEqual([]);
    fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'delete-account', accountId: 'acc-7' }));
  });

  it('lists accounts again when the background changes the settings', async () => {
    await showOptions([]);
    expect(screen.getByText(/No accounts yet/)).toBeTruthy();
    await fakeBrowser.storage.local.set({ settings: stored([account({ name: 'Later' })]).settings });
    expect(await screen.findByRole('listitem', { name: 'Later' })).toBeTruthy();
  });
});

describe('options: host status', () => {
  it('shows the host version when installed', async () => {
    await showOptions();
    expect(screen.getByText(/Host installed, version 0\.1\.0/)).toBeTruthy();
    expect(sent).toContainEqual({ type: 'host-status' });
  });

  it('says how to install the host when it is missing', async () => {
    answerWith(() => ({ ok: true, result: { installed: false, error: { code: 'HOST_NOT_FOUND', message: '' } } }));
    await fakeBrowser.storage.local.set(stored([]));
    render(<OptionsPage />);
    expect(await screen.findByText(ERROR_TABLE.HOST_NOT_FOUND.message)).toBeTruthy();
    const commands = screen.getAllByText(/^npx popbiff (install|doctor)$/).map((node) => node.textContent);
    expect(commands).toContain('npx popbiff install');
    expect(commands).toContain('npx popbiff doctor');
  });
});
