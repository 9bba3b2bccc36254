// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UiMessage } from '../../../src/ui-messages';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { Account } from '../../../src/shared/account';
import { ERROR_TABLE } from '../../../src/shared/errors';
import { resetUiLanguage } from '../../../src/ui/i18n';
import fakeBrowser, { answerWith, resetFakeBrowser, sent, useLanguage } from '../../helpers/ui-fake-browser';
import { account, stored } from '../../helpers/ui-fixtures';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

/** A background that reports an installed host and accepts every save. */
function healthyBackground(message: UiMessage) {
  if (message.type === 'host-status') return { ok: true as const, result: { installed: true, hostVersion: '0.1.0' } };
  return { ok: true as const, result: null };
}

beforeEach(async () => {
  resetFakeBrowser();
  resetUiLanguage();
  answerWith(healthyBackground);
});
afterEach(cleanup);

async function showOptions(accounts: Account[] = []): Promise<void> {
  await fakeBrowser.storage.local.set(stored(accounts));
  render(<OptionsPage />);
  await screen.findByText('compatible');
}

/** "Add account", then straight to the full form (no address typed). */
function startManual(): void {
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
  fireEvent.click(screen.getByRole('button', { name: 'Edit settings manually' }));
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

describe('options: adding an account by hand', () => {
  it('a valid form sends save-account with the password and a schema-valid account', async () => {
    await showOptions();
    startManual();
    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    const [save] = saves();
    if (save?.type !== 'save-account') throw new Error('no save-account was sent');
    expect(save.password).toBe('s3cret pass');
    expect(Account.safeParse(save.account).success).toBe(true);
    expect(save.account).toMatchObject({
      name: 'Work',
      server: {
        host: 'pop.example.org',
        port: 995,
        security: 'tls',
        allowPlaintext: false,
        username: 'ann@example.org',
      },
      webmailUrl: 'https://mail.example.org',
      intervalMinutes: 5,
      enabled: true,
    });
    expect(save.account.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The form closes; the next account starts afresh.
    expect(screen.queryByLabelText('Account name')).toBeNull();
    expect(screen.getByRole('button', { name: 'Add account' })).toBeTruthy();
  });

  it('shows inline errors next to each field and sends nothing when invalid', async () => {
    await showOptions();
    startManual();
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
    startManual();
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
    startManual();
    expect(field('Port').value).toBe('995');
    fireEvent.change(field('Security'), { target: { value: 'starttls' } });
    expect(field('Port').value).toBe('110');
    type('Port', '1110');
    fireEvent.change(field('Security'), { target: { value: 'tls' } });
    expect(field('Port').value).toBe('1110');
  });

  it('the "Allow clear text" box only exists for clear text', async () => {
    await showOptions();
    startManual();
    expect(screen.queryByLabelText('Allow clear text')).toBeNull();
    fireEvent.change(field('Security'), { target: { value: 'plain' } });
    expect(screen.getByLabelText('Allow clear text')).toBeTruthy();
  });

  it('rejects a relative CA certificate path', async () => {
    await showOptions();
    startManual();
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
    startManual();
    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(await screen.findByText(ERROR_TABLE.STORAGE_FAILED.message)).toBeTruthy();
    expect(screen.getByText(ERROR_TABLE.STORAGE_FAILED.action)).toBeTruthy();
    expect(screen.queryByText('Saved')).toBeNull();
    expect(field('Account name').value).toBe('Work');
  });
});

describe('options: existing accounts', () => {
  it('moving an account to another server asks for its password again, since the stored one is bound to the old server', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail' })]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    type('Email server', 'pop.elsewhere.example');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(await screen.findByText(/the stored one was given for another server/)).toBeTruthy();
    expect(saves()).toEqual([]);
    type('Password', 'new-pw');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(saves()[0]).toMatchObject({ account: { server: { host: 'pop.elsewhere.example' } }, password: 'new-pw' });
  });

  it('editing keeps the id and sends no password when the field is left empty', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail' })]);
    const row = screen.getByRole('listitem', { name: 'Home mail' });
    fireEvent.click(within(row).getByRole('button', { name: 'Edit Home mail' }));
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

  it('a new mail client command is shown argument by argument and reaches the host only once confirmed', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail' })]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    fireEvent.click(screen.getByLabelText('Open my desktop mail client'));
    type('Mail program (optional)', 'thunderbird  -compose  to=x');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    const dialog = await screen.findByRole('alertdialog');
    expect([...dialog.querySelectorAll('li code')].map((code) => code.textContent)).toEqual([
      'thunderbird',
      '-compose',
      'to=x',
    ]);
    expect(sent.filter((m) => m.type === 'save-account' || m.type === 'set-command')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Do not run it' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Run this command' }));
    await screen.findByText('Saved');
    expect(sent.filter((m) => m.type === 'save-account' || m.type === 'set-command').map((m) => m.type)).toEqual([
      'save-account',
      'set-command',
    ]);
    expect(sent.find((m) => m.type === 'set-command')).toEqual({
      type: 'set-command',
      accountId: 'acc-7',
      purpose: 'mailClient',
      argv: ['thunderbird', '-compose', 'to=x'],
    });
  });

  it('an on-new-mail command is off by default, and reaches the host only once its exact argv is confirmed', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail' })]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    expect((field('On new mail, run (optional)') as HTMLInputElement).value).toBe('');
    type('On new mail, run (optional)', '/home/ann/bin/chime  --loud $(rm -rf ~)');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('whenever a check finds new mail');
    expect([...dialog.querySelectorAll('li code')].map((code) => code.textContent)).toEqual([
      '/home/ann/bin/chime',
      '--loud',
      '$(rm',
      '-rf',
      '~)',
    ]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Do not run it' }));
    expect(sent.filter((m) => m.type === 'save-account' || m.type === 'set-command')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Run this command' }));
    await screen.findByText('Saved');
    expect(sent.filter((m) => m.type === 'set-command')).toEqual([
      {
        type: 'set-command',
        accountId: 'acc-7',
        purpose: 'onNewMail',
        argv: ['/home/ann/bin/chime', '--loud', '$(rm', '-rf', '~)'],
      },
    ]);
  });

  it('emptying the on-new-mail field removes the command from the host, with nothing to confirm', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail', onNewMail: ['notify-send', 'mail'] })]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    expect((field('On new mail, run (optional)') as HTMLInputElement).value).toBe('notify-send mail');
    type('On new mail, run (optional)', '  ');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(sent.filter((m) => m.type === 'set-command')).toEqual([
      { type: 'set-command', accountId: 'acc-7', purpose: 'onNewMail' },
    ]);
  });

  it('a new mail client command and a new on-new-mail command are confirmed one after the other, then both sent', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail' })]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    fireEvent.click(screen.getByLabelText('Open my desktop mail client'));
    type('Mail program (optional)', 'thunderbird');
    type('On new mail, run (optional)', 'notify-send mail');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    const argvShown = async () =>
      [...(await screen.findByRole('alertdialog')).querySelectorAll('li code')].map((code) => code.textContent);
    expect(await argvShown()).toEqual(['thunderbird']);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Run this command' }));
    expect(await argvShown()).toEqual(['notify-send', 'mail']);
    expect(sent.filter((m) => m.type === 'save-account' || m.type === 'set-command')).toEqual([]);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Run this command' }));
    await screen.findByText('Saved');
    expect(
      sent
        .filter((m) => m.type === 'save-account' || m.type === 'set-command')
        .map((m) => (m.type === 'set-command' ? m.purpose : m.type)),
    ).toEqual(['save-account', 'mailClient', 'onNewMail']);
  });

  it('remove asks inline first; "No" sends nothing, "Yes" sends delete-account', async () => {
    await showOptions([account({ id: 'acc-7', name: 'Home mail' })]);
    const row = screen.getByRole('listitem', { name: 'Home mail' });
    fireEvent.click(within(row).getByRole('button', { name: 'Remove Home mail' }));
    fireEvent.click(within(row).getByRole('button', { name: 'No' }));
    expect(sent.filter((message) => message.type === 'delete-account')).toEqual([]);
    fireEvent.click(within(row).getByRole('button', { name: 'Remove Home mail' }));
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
  it('shows that the host is installed, its version and that its protocol is compatible', async () => {
    await showOptions();
    const facts = [...document.querySelectorAll('.host-facts dt')].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(facts).toEqual([
      ['Installed', 'yes'],
      ['Version', '0.1.0'],
      ['Protocol', 'compatible'],
      ['Registration', 'npx popbiff doctor shows where the host is registered for each browser and checks each file.'],
    ]);
    expect(sent).toContainEqual({ type: 'host-status' });
  });

  it('lists where the host is registered when the host says so', async () => {
    const manifest = '/home/ada/.config/chromium/NativeMessagingHosts/org.popbiff.host.json';
    answerWith(() => ({
      ok: true,
      result: { installed: true, hostVersion: '0.1.0', protocolVersion: 1, registrations: [manifest] },
    }));
    await showOptions();
    await waitFor(() => expect(screen.getByText(manifest).tagName).toBe('CODE'));
  });

  it('says when the passwords wait in the file for the keyring, and when they were moved into it', async () => {
    for (const [note, text] of [
      ['keyring-unanswered', 'The system keyring did not answer in time'],
      ['moved-to-keyring', 'Popbiff moved your passwords from the file into it'],
    ] as const) {
      answerWith(() => ({
        ok: true,
        result: {
          installed: true,
          hostVersion: '0.1.0',
          protocolVersion: 1,
          secretStore: 'file',
          secretStoreNote: note,
        },
      }));
      await showOptions();
      expect(await screen.findByText(new RegExp(text))).toBeTruthy();
      cleanup();
    }
  });

  it('says the password store is still being chosen while a first start probes the keyring', async () => {
    answerWith(() => ({
      ok: true,
      result: { installed: true, hostVersion: '0.1.0', protocolVersion: 1, secretStore: 'pending' },
    }));
    await showOptions();
    expect(await screen.findByText(/^Being chosen/)).toBeTruthy();
    expect(screen.queryByText('pending')).toBeNull();
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

describe('options: adding an account from the email address', () => {
  async function typeAddress(address: string, password = 'app-pass-1'): Promise<void> {
    await showOptions();
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    type('Email address', address);
    type('Password', password);
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  }

  it('proposes Gmail’s settings with what to do at Gmail, and saves them with the password', async () => {
    await typeAddress('ann@gmail.com');
    const notes = screen.getByRole('note');
    expect(within(notes).getByText(/Turn on POP access in your Gmail settings/)).toBeTruthy();
    expect(within(notes).getByText(/app password/)).toBeTruthy();
    expect(within(notes).getByText(/recent:ann@gmail.com|recent:/)).toBeTruthy();
    const links = within(notes)
      .getAllByRole('link', { name: 'How?' })
      .map((link) => link.getAttribute('href'));
    expect(links[0]).toMatch(/^https:\/\/support\.google\.com\//);
    expect(screen.getByText('Server pop.gmail.com, port 995, TLS.')).toBeTruthy();
    expect(screen.queryByLabelText('Email server')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(saves()[0]).toMatchObject({
      password: 'app-pass-1',
      account: {
        name: 'ann@gmail.com',
        server: { host: 'pop.gmail.com', port: 995, security: 'tls', username: 'ann@gmail.com' },
        webmailUrl: 'https://mail.google.com/',
      },
    });
  });

  it('lets every proposed setting be edited by hand', async () => {
    await typeAddress('bob@gmx.de');
    fireEvent.click(screen.getByRole('button', { name: 'Edit settings manually' }));
    expect(field('Email server').value).toBe('pop.gmx.net');
    type('User name', 'recent:bob@gmx.de');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(saves()[0]).toMatchObject({ account: { server: { host: 'pop.gmx.net', username: 'recent:bob@gmx.de' } } });
  });

  it('says plainly that iCloud has no POP, and offers no form', async () => {
    await typeAddress('kim@icloud.com');
    expect(screen.getByRole('alert').textContent).toMatch(/iCloud Mail has no POP3 access at all/);
    expect(screen.queryByRole('button', { name: 'Save account' })).toBeNull();
  });

  it('opens the manual form for an unknown domain autoconfiguration knows nothing of, with the address as name and user name', async () => {
    answerWith((message) =>
      message.type === 'autoconfig'
        ? { ok: true, result: { source: 'none', servers: [] } }
        : healthyBackground(message),
    );
    await typeAddress('me@example.org');
    await screen.findByText(/No settings were found for me@example.org/);
    expect(sent).toContainEqual({ type: 'autoconfig', address: 'me@example.org' });
    expect(screen.queryByRole('note')).toBeNull();
    expect(field('Account name').value).toBe('me@example.org');
    expect(field('User name').value).toBe('me@example.org');
    expect(field('Email server').value).toBe('');
    expect(field('Password').value).toBe('app-pass-1');
  });

  it('asks for a real address before going on', async () => {
    await typeAddress('not an address');
    expect(screen.getByRole('alert').textContent).toBe('Enter an email address, for example ann@example.com.');
    expect(field('Email address').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('options: per-account notifications, quiet hours and sign-in', () => {
  it('saves notify off, quiet hours and the sign-in method, and keeps rules and the pinned certificate', async () => {
    const pinned = `${'AB:'.repeat(31)}AB`;
    const rules = [
      {
        name: 'No news',
        match: 'any' as const,
        conditions: [{ field: 'subject', op: 'contains' as const, value: 'news' }],
        action: 'ignore' as const,
      },
    ];
    const base = account({ id: 'acc-7', rules });
    await showOptions([{ ...base, server: { ...base.server, pinnedCertSha256: pinned } }]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    fireEvent.click(field('Notify me of new mail in this account'));
    type('From', '22:00');
    type('To', '07:00');
    fireEvent.change(field('Sign-in method'), { target: { value: 'apop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(saves()[0]).toMatchObject({
      account: {
        notify: false,
        quietHours: { from: '22:00', to: '07:00' },
        rules,
        server: { auth: 'apop', pinnedCertSha256: pinned },
      },
    });
  });

  it('wants both quiet-hour times or neither', async () => {
    await showOptions([account()]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    type('From', '22:00');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(await screen.findByText('Give both times, or neither.')).toBeTruthy();
    expect(saves()).toEqual([]);
  });
});

describe('options: global notifications', () => {
  it('sends the notification switches to the background, never writing storage itself', async () => {
    await showOptions([account()]);
    const before = JSON.stringify(await fakeBrowser.storage.local.get(['settings']));
    fireEvent.click(field('Show a notification when new mail arrives'));
    await waitFor(() => expect(sent).toContainEqual({ type: 'save-settings', settings: { notifications: false } }));
    expect(JSON.stringify(await fakeBrowser.storage.local.get(['settings']))).toBe(before);
  });

  it('offers the badge colour schemes, showing the saved one, and saves a change through the background', async () => {
    const data = stored([]);
    await fakeBrowser.storage.local.set({ ...data, settings: { ...data.settings, badgeColors: 'muted' } });
    render(<OptionsPage />);
    const select = (await screen.findByLabelText('Badge colours')) as HTMLSelectElement;
    expect(select.value).toBe('muted');
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'Standard (blue, red for errors)',
      'High contrast (dark blue, dark red for errors)',
      'Muted (grey, brown for errors)',
    ]);
    fireEvent.change(select, { target: { value: 'high-contrast' } });
    await waitFor(() =>
      expect(sent).toContainEqual({ type: 'save-settings', settings: { badgeColors: 'high-contrast' } }),
    );
  });

  it('pauses notifications through the background', async () => {
    await showOptions();
    fireEvent.click(screen.getByRole('button', { name: 'For 1 hour' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'pause-notifications', duration: 'hour' }));
  });
});

describe('options: import', () => {
  const importFile = (text: string) => {
    const input = screen.getByLabelText('Import settings from a file');
    fireEvent.change(input, {
      target: { files: [new File([text], 'popbiff-settings.json', { type: 'application/json' })] },
    });
  };

  it('saves each imported account as a new one without a password, then asks for each password naming its server', async () => {
    await showOptions([account({ id: 'acc-9', name: 'Mine' })]);
    const file = JSON.stringify({
      kind: 'popbiff-settings',
      ...stored([account({ id: 'acc-9', name: 'Imported' })]).settings,
    });
    importFile(file);
    expect(await screen.findByText('Accounts imported: 1.')).toBeTruthy();
    expect(screen.getByText(/never over an account you have/)).toBeTruthy();
    const [save] = saves();
    if (save?.type !== 'save-account') throw new Error('no save-account was sent');
    expect(save.account.id).not.toBe('acc-9');
    expect(save).toEqual({ type: 'save-account', account: account({ id: save.account.id, name: 'Imported' }) });
    type('Password for Imported (ann @ pop.example.com:995)', 'again');
    fireEvent.click(screen.getAllByRole('button', { name: 'Save account' })[0] as HTMLElement);
    await waitFor(() => expect(saves()[1]).toMatchObject({ account: { id: save.account.id }, password: 'again' }));
  });

  it('keeps the badge colours and the other global settings of the file', async () => {
    await showOptions();
    const { settings } = stored([]);
    importFile(
      JSON.stringify({ kind: 'popbiff-settings', ...settings, muteWhenIdle: true, badgeColors: 'high-contrast' }),
    );
    expect(await screen.findByText('Accounts imported: 0.')).toBeTruthy();
    expect(sent.filter((m) => m.type === 'save-settings')).toEqual([
      {
        type: 'save-settings',
        settings: {
          notifications: settings.notifications,
          muteWhenIdle: true,
          rules: settings.rules,
          badgeColors: 'high-contrast',
        },
      },
    ]);
  });

  it('shows what is wrong with a file it refuses, and imports nothing', async () => {
    await showOptions();
    importFile(JSON.stringify({ kind: 'popbiff-settings', version: 2, accounts: [{ id: 'bad id!' }] }));
    const alert = await screen.findByText(/This file cannot be imported:/);
    expect(alert.textContent).toMatch(/accounts/);
    expect(saves()).toEqual([]);
  });
});

describe('options in Spanish', () => {
  it('labels the page, the host panel and the address step in Spanish', async () => {
    useLanguage('es');
    resetUiLanguage();
    await fakeBrowser.storage.local.set(stored([]));
    render(<OptionsPage />);
    expect(await screen.findByText('Ajustes de Popbiff')).toBeTruthy();
    await screen.findByText('compatible');
    fireEvent.click(screen.getByRole('button', { name: 'Añadir cuenta' }));
    expect(screen.getByLabelText('Dirección de correo')).toBeTruthy();
    type('Dirección de correo', 'ana@yahoo.es');
    fireEvent.click(screen.getByRole('button', { name: 'Continuar' }));
    expect(screen.getByText(/Yahoo Mail pide una contraseña de aplicación/)).toBeTruthy();
  });
});
