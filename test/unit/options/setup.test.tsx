// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UiMessage, UiReply } from '../../../src/ui-messages';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { ACCOUNT_COLOURS } from '../../../src/ui/account-colour';
import { resetUiLanguage } from '../../../src/ui/i18n';
import fakeBrowser, { answerWith, resetFakeBrowser, sent } from '../../helpers/ui-fake-browser';
import { account, accountState, message, stored } from '../../helpers/ui-fixtures';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

const certificate = {
  sha256: Array.from({ length: 32 }, () => 'C3').join(':'),
  subject: 'CN=mail.example.net',
  issuer: 'CN=mail.example.net',
  validFrom: 'Jan 1 2025',
  validTo: 'Jan 1 2035',
};
const report = {
  capabilities: ['TOP', 'UIDL', 'PIPELINING'],
  authMethod: 'PLAIN',
  uidl: true,
  top: true,
  pipelining: true,
  count: 4,
  timings: [{ phase: 'connect', ms: 12 }],
  roundTrips: 5,
  tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
};

/** The background of these tests: autoconfig finds a server, a test fails on the certificate until it is pinned. */
function background(msg: UiMessage): UiReply {
  if (msg.type === 'host-status')
    return { ok: true, result: { installed: true, hostVersion: '0.1.0', secretStore: 'file' } };
  if (msg.type === 'autoconfig')
    return {
      ok: true,
      result: { source: 'ispdb', servers: [{ host: 'mail.example.net', port: 995, security: 'tls', username: 'ann' }] },
    };
  if (msg.type === 'test-account') {
    if (msg.account.server.pinnedCertSha256 === undefined) {
      return {
        ok: true,
        result: {
          ok: false,
          error: { code: 'CERT_UNTRUSTED', message: 'self-signed certificate', certificate },
          report: { capabilities: [], timings: [], roundTrips: 0 },
          transcript: ['C: (connect mail.example.net:995)'],
        },
      };
    }
    return { ok: true, result: { ok: true, report, transcript: ['S: +OK Dovecot ready.', 'C: AUTH PLAIN ********'] } };
  }
  return { ok: true, result: null };
}

beforeEach(() => {
  resetFakeBrowser();
  resetUiLanguage();
  answerWith(background);
});
afterEach(cleanup);

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
const lastOf = <T extends UiMessage['type']>(kind: T) =>
  sent.filter((m): m is Extract<UiMessage, { type: T }> => m.type === kind).at(-1);

async function showOptions(data = stored([])): Promise<void> {
  await fakeBrowser.storage.local.set(data);
  render(<OptionsPage />);
  await screen.findByText('compatible');
}

describe('options: email-first set-up with autoconfig, test and trust', () => {
  it('proposes what autoconfig found, tests it, trusts the certificate and saves the pin with the password', async () => {
    await showOptions();
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    type('Email address', 'ann@example.net');
    type('Password', 'pw 1');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(/Settings found by Thunderbird's provider database/)).toBeTruthy();
    expect(lastOf('autoconfig')).toEqual({ type: 'autoconfig', address: 'ann@example.net' });

    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(certificate.sha256)).toBeTruthy();
    expect(lastOf('test-account')).toMatchObject({
      password: 'pw 1',
      account: { server: { host: 'mail.example.net', port: 995, username: 'ann' } },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Trust this certificate' }));
    expect(await screen.findByText('Signed in: the settings work.')).toBeTruthy();
    expect(lastOf('test-account')?.account.server.pinnedCertSha256).toBe(certificate.sha256);
    expect(screen.getByText('TOP, UIDL, PIPELINING')).toBeTruthy();
    expect(document.querySelector('pre.transcript')?.textContent).toBe('S: +OK Dovecot ready.\nC: AUTH PLAIN ********');

    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(lastOf('save-account')).toMatchObject({
      password: 'pw 1',
      account: { server: { host: 'mail.example.net', pinnedCertSha256: certificate.sha256 } },
    });
  });

  /** Autoconfig (by SRV) proposes `host` for ann@example.net; the page is left at what it shows next. */
  async function addWithProposedServer(host: string): Promise<void> {
    const servers = [{ host, port: 995, security: 'tls' as const, username: 'ann' }];
    answerWith((msg) =>
      msg.type === 'autoconfig' ? { ok: true, result: { source: 'srv', servers } } : background(msg),
    );
    await showOptions();
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    type('Email address', 'ann@example.net');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  }

  it('a server outside the address domain (RFC 6186 §6) is named with a warning and used only when confirmed', async () => {
    await addWithProposedServer('pop.attacker.test');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The settings found name the server pop.attacker.test, which is not part of example.net',
    );
    expect(document.querySelector('.proposal')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Use pop.attacker.test' }));
    expect((await screen.findByText(/pop\.attacker\.test/, { selector: '.proposal p' })).textContent).toContain(
      'pop.attacker.test',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a server inside the address domain is proposed without a question', async () => {
    await addWithProposedServer('POP.Example.net.');
    expect(await screen.findByText(/Settings found/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a pin is dropped when the server name changes', async () => {
    const base = account();
    await showOptions(stored([{ ...base, server: { ...base.server, pinnedCertSha256: certificate.sha256 } }]));
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    type('Email server', 'other.example.com');
    // Another server: the stored password is bound to the old one, so it is typed again.
    type('Password', 'pw-for-other');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(lastOf('save-account')?.account.server.pinnedCertSha256).toBeUndefined();
  });
});

describe('options: account settings', () => {
  it('a desktop client is saved as argv, without a shell, instead of the webmail', async () => {
    await showOptions(stored([account()]));
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    fireEvent.click(field('Open my desktop mail client'));
    expect(screen.queryByLabelText('Webmail address')).toBeNull();
    type('Mail program (optional)', '  thunderbird   -mail  ');
    fireEvent.change(field('Mail stays on the server'), { target: { value: 'all-new' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    // A new command runs only after the user confirmed its exact argv (issue 10, item 4).
    fireEvent.click(await screen.findByRole('button', { name: 'Run this command' }));
    await screen.findByText('Saved');
    expect(lastOf('save-account')?.account).toMatchObject({
      desktopClient: { command: ['thunderbird', '-mail'] },
      firstCheck: 'all-new',
    });
    expect(lastOf('set-command')).toEqual({
      type: 'set-command',
      accountId: account().id,
      purpose: 'mailClient',
      argv: ['thunderbird', '-mail'],
    });
  });

  it('the colour is a labelled choice: the stored one is checked, another is saved, automatic drops it', async () => {
    await showOptions(stored([account({ color: 'teal' })]));
    const dot = (document.querySelector('.account-row .dot') as HTMLElement).style.background;
    const probe = document.createElement('span');
    probe.style.background = ACCOUNT_COLOURS.teal;
    expect(dot).toBe(probe.style.background);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    expect(screen.getByRole('group', { name: 'Colour' })).toBeTruthy();
    expect(field('Teal').checked).toBe(true);
    expect(field('Automatic').checked).toBe(false);
    fireEvent.click(field('Orange'));
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(lastOf('save-account')?.account.color).toBe('orange');

    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    fireEvent.click(field('Automatic'));
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await waitFor(() => expect(sent.filter((m) => m.type === 'save-account')).toHaveLength(2));
    expect(lastOf('save-account')?.account).not.toHaveProperty('color');
  });

  it("explains an interval raised by the server's LOGIN-DELAY", async () => {
    await showOptions(stored([account({ intervalMinutes: 5 })], { 'acc-1': accountState({ loginDelaySeconds: 900 }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    expect(screen.getByText(/Checked every 16 minutes, not 5/)).toBeTruthy();
  });

  it('a custom domain found by its MX host at Google Workspace is proposed with the note that it needs OAuth', async () => {
    answerWith((msg) =>
      msg.type === 'autoconfig'
        ? {
            ok: true,
            result: {
              source: 'mx',
              provider: 'google-workspace',
              servers: [{ host: 'pop.gmail.com', port: 995, security: 'tls', username: 'ann@example.net' }],
            },
          }
        : background(msg),
    );
    await showOptions();
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    type('Email address', 'ann@example.net');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(/Settings found by the domain's mail server \(MX\)/)).toBeTruthy();
    expect(
      screen.getByText(/Google Workspace no longer accepts passwords for POP: it needs an OAuth access token/),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(lastOf('test-account')?.account.server.host).toBe('pop.gmail.com'));
  });

  it('explains an interval raised to the provider’s minimum, naming the provider', async () => {
    const webde = account({ intervalMinutes: 5, server: { ...account().server, host: 'pop3.web.de' } });
    await showOptions(stored([webde], { 'acc-1': accountState() }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    expect(screen.getByText('Checked every 16 min, not 5: WEB.DE refuses more frequent sign-ins.')).toBeTruthy();
  });

  it('the rules editor shows a bad regex inline, refuses to save it, and previews matches live', async () => {
    const unseen = [message({ uid: 'a', subject: 'Weekly newsletter' }), message({ uid: 'b', subject: 'Invoice 42' })];
    await showOptions(stored([account()], { 'acc-1': accountState({ unseen, unseenCount: 2 }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit Home mail' }));
    const form = screen.getByRole('group', { name: 'Rules for this account' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    fireEvent.change(within(form).getByLabelText('Field'), { target: { value: 'subject' } });
    fireEvent.change(within(form).getByLabelText('Comparison'), { target: { value: 'regex' } });
    fireEvent.input(within(form).getByLabelText('Text to look for'), { target: { value: 'news(' } });
    expect(within(form).getByRole('alert').textContent).toMatch(/^This is not a valid regular expression: /);
    // A look-ahead was valid JavaScript; the note says why RE2 refuses it.
    fireEvent.input(within(form).getByLabelText('Text to look for'), { target: { value: 'news(?=letter)' } });
    expect(within(form).getByRole('alert').textContent).toMatch(
      /no look-around or back-references, so that no message/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(await screen.findByText('Fix the rules marked above first.')).toBeTruthy();
    expect(sent.some((m) => m.type === 'save-account')).toBe(false);

    fireEvent.input(within(form).getByLabelText('Text to look for'), { target: { value: 'news\\w+' } });
    expect(within(form).getByText(/Would match 1 of the 2 current messages: Weekly newsletter/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved');
    expect(lastOf('save-account')?.account.rules).toEqual([
      { name: '', match: 'any', conditions: [{ field: 'subject', op: 'regex', value: 'news\\w+' }], action: 'ignore' },
    ]);
  });

  it('global rules are saved through save-settings', async () => {
    await showOptions(stored([account()]));
    const global = screen.getByRole('group', { name: 'Rules for every account' });
    fireEvent.click(within(global).getByRole('button', { name: 'Add rule' }));
    fireEvent.change(within(global).getByLabelText('Field'), { target: { value: 'header' } });
    fireEvent.input(within(global).getByLabelText('Header name'), { target: { value: 'List-Id' } });
    fireEvent.change(within(global).getByLabelText('Comparison'), { target: { value: 'present' } });
    fireEvent.change(within(global).getByLabelText('Then'), { target: { value: 'silent' } });
    fireEvent.click(within(global).getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(lastOf('save-settings')).toBeDefined());
    expect(lastOf('save-settings')?.settings.rules).toEqual([
      { name: '', match: 'any', conditions: [{ field: 'List-Id', op: 'present', value: '' }], action: 'silent' },
    ]);
  });
});

describe('options: host panel', () => {
  it('says when passwords are kept in the file store, and how to see where the host is registered', async () => {
    await showOptions();
    expect(await screen.findByText(/keeps passwords in a file only your user can read/)).toBeTruthy();
    const doctor = screen.getAllByText('npx popbiff doctor').find((node) => node.tagName === 'CODE');
    expect(doctor).toBeTruthy();
  });
});
