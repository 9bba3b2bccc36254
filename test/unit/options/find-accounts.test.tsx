// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UiMessage, UiReply } from '../../../src/ui-messages';
import { OptionsPage } from '../../../src/options/OptionsPage';
import type { FoundAccount } from '../../../src/shared/protocol';
import { resetUiLanguage } from '../../../src/ui/i18n';
import fakeBrowser, { answerWith, resetFakeBrowser, sent } from '../../helpers/ui-fake-browser';
import { account, stored } from '../../helpers/ui-fixtures';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

const KNOWN: FoundAccount = {
  program: 'thunderbird',
  profile: 'default-release',
  name: 'Home',
  host: 'POP.example.com',
  port: 995,
  security: 'tls',
  username: 'ann',
};
const GMAIL: FoundAccount = {
  program: 'evolution',
  profile: '',
  name: 'Gmail at Evolution',
  address: 'ann@gmail.com',
  host: 'pop.gmail.com',
  port: 995,
  security: 'tls',
  username: 'recent:ann@gmail.com',
};
const OLD: FoundAccount = {
  program: 'claws-mail',
  profile: '',
  host: 'pop.old.example',
  port: 110,
  security: 'starttls',
  username: 'józef',
};

const FOUND: UiReply = {
  ok: true,
  result: { accounts: [KNOWN, GMAIL, OLD], programs: ['thunderbird'], capped: false },
};
let finderReply: UiReply = FOUND;

function background(msg: UiMessage): UiReply {
  if (msg.type === 'host-status')
    return { ok: true, result: { installed: true, hostVersion: '0.1.0', secretStore: 'file' } };
  if (msg.type === 'find-accounts') return finderReply;
  if (msg.type === 'save-account') return { ok: true, result: { accountId: msg.account.id } };
  return { ok: true, result: null };
}

beforeEach(async () => {
  finderReply = FOUND;
  resetFakeBrowser();
  resetUiLanguage();
  answerWith(background);
  await fakeBrowser.storage.local.set(stored([account()]));
  render(<OptionsPage />);
  await screen.findByText('compatible');
});
afterEach(cleanup);

const find = () => fireEvent.click(screen.getByRole('button', { name: 'Find my accounts in my mail programs' }));
const saves = () => sent.filter((m): m is Extract<UiMessage, { type: 'save-account' }> => m.type === 'save-account');

describe('options: finding accounts in the mail programs', () => {
  it('asks the host only when the button is pressed', async () => {
    expect(sent.some((m) => m.type === 'find-accounts')).toBe(false);
    find();
    await screen.findByRole('group', { name: 'Accounts found in your mail programs' });
    expect(sent.filter((m) => m.type === 'find-accounts')).toHaveLength(1);
  });

  it('marks an account Popbiff already has and does not offer it; sets the chosen ones up one by one', async () => {
    find();
    const list = await screen.findByRole('group', { name: 'Accounts found in your mail programs' });
    const known = within(list).getByRole('checkbox', { name: /Home/ }) as HTMLInputElement;
    expect(known.disabled).toBe(true);
    expect(within(list).getByText(/From Thunderbird, profile default-release · Already in Popbiff/)).toBeTruthy();
    expect(within(list).getByText('józef at pop.old.example:110 · STARTTLS')).toBeTruthy();

    fireEvent.click(within(list).getByRole('checkbox', { name: /Gmail at Evolution/ }));
    fireEvent.click(within(list).getByRole('checkbox', { name: /pop\.old\.example/ }));
    fireEvent.click(within(list).getByRole('button', { name: 'Set up the chosen accounts' }));

    // The first: the provider's notes apply, the password is the user's to type.
    expect(await screen.findByText(/Account 1 of 2: Gmail at Evolution, from Evolution/)).toBeTruthy();
    expect(screen.getByText('Settings for Gmail')).toBeTruthy();
    // Google's sign-in is offered as for any Gmail account (or, in a build without its client id, said to be missing).
    expect(document.querySelector('.oauth-sign-in, .oauth-unavailable')).not.toBeNull();
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'app password 1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(await screen.findByText(/Account 2 of 2: józef, from Claws Mail/)).toBeTruthy();
    expect(saves()[0]).toMatchObject({
      password: 'app password 1',
      account: {
        name: 'Gmail at Evolution',
        webmailUrl: 'https://mail.google.com/',
        server: { host: 'pop.gmail.com', port: 995, security: 'tls', username: 'recent:ann@gmail.com' },
      },
    });

    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(saves()).toHaveLength(2);
    expect(saves()[1]?.account.server).toMatchObject({ host: 'pop.old.example', port: 110, security: 'starttls' });
    expect(screen.queryByText(/Account \d of 2/)).toBeNull();
  });

  it('sets nothing up while nothing is chosen', async () => {
    find();
    const list = await screen.findByRole('group', { name: 'Accounts found in your mail programs' });
    fireEvent.click(within(list).getByRole('button', { name: 'Set up the chosen accounts' }));
    expect(screen.queryByText(/Account 1 of/)).toBeNull();
    expect(screen.getByRole('group', { name: 'Accounts found in your mail programs' })).toBeTruthy();
  });

  it('says which programs it looked in when none had a POP3 account', async () => {
    finderReply = { ok: true, result: { accounts: [], programs: ['thunderbird', 'kmail'], capped: true } };
    find();
    expect(await screen.findByText('No POP3 accounts were found in Thunderbird and KMail.')).toBeTruthy();
    expect(screen.getByText(/the list may be incomplete/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Set up the chosen accounts' })).toBeNull();
  });

  it('shows the error when the host cannot be reached', async () => {
    finderReply = { ok: false, error: { code: 'HOST_NOT_FOUND', message: '' } };
    find();
    const note = await screen.findByText('The Popbiff host is not installed or cannot start.');
    expect(note.closest('.finder')).not.toBeNull();
  });
});
