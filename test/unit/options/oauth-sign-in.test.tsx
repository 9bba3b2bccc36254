// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountForm } from '../../../src/options/AccountForm';
import { OAuthSignIn } from '../../../src/options/OAuthSignIn';
import { resetUiLanguage } from '../../../src/ui/i18n';
import { answerWith, resetFakeBrowser, sent } from '../../helpers/ui-fake-browser';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

// Read when src/shared/oauth.ts loads: this file's build has a Google client id and no Microsoft one.
vi.hoisted(() => {
  process.env.VITE_POPBIFF_GOOGLE_CLIENT_ID = 'test-client.apps.example';
  delete process.env.VITE_POPBIFF_MICROSOFT_CLIENT_ID;
});

beforeEach(() => {
  resetFakeBrowser();
  resetUiLanguage();
});
afterEach(cleanup);
// Test files may share a worker process: leave its environment as it was.
afterAll(() => {
  delete process.env.VITE_POPBIFF_GOOGLE_CLIENT_ID;
});

describe('Sign in with Google/Microsoft', () => {
  it('asks the background to sign the account in, then switches the form to XOAUTH2', async () => {
    answerWith(() => ({ ok: true as const, result: {} }));
    const onSignedIn = vi.fn();
    render(<OAuthSignIn accountId="acct-1" host="pop.gmail.com" loginHint=" ada@gmail.com " onSignedIn={onSignedIn} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Signed in with Google. Save the account to use it.',
    );
    expect(sent).toEqual([
      { type: 'oauth-sign-in', accountId: 'acct-1', provider: 'google', loginHint: 'ada@gmail.com' },
    ]);
    expect(onSignedIn).toHaveBeenCalledOnce();
  });

  it("shows the failure's message and action, and leaves the form alone", async () => {
    answerWith(() => ({
      ok: false as const,
      error: { code: 'OAUTH_FAILED', message: 'Sign-in was cancelled or did not finish.' },
    }));
    const onSignedIn = vi.fn();
    render(<OAuthSignIn accountId="acct-1" host="pop.gmail.com" loginHint="" onSignedIn={onSignedIn} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    expect(await screen.findByText('Sign in again in the account settings.', { exact: false })).toBeTruthy();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('explains that a build without client ids cannot sign in, instead of offering a button', async () => {
    render(<OAuthSignIn accountId="acct-1" host="outlook.office365.com" loginHint="" onSignedIn={() => undefined} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/cannot sign in with Microsoft/)).toBeTruthy();
  });

  it('offers nothing for servers of other providers', async () => {
    const { container } = render(
      <OAuthSignIn accountId="acct-1" host="pop.example.org" loginHint="" onSignedIn={() => undefined} />,
    );
    expect(container.textContent).toBe('');
  });
});

describe('a new account that signed in, then cancelled (issue 10, item 9)', () => {
  it('asks the host to forget the sign-in, so no token stays behind under its id', async () => {
    answerWith(() => ({ ok: true as const, result: {} }));
    const onCancel = vi.fn();
    render(<AccountForm editing={undefined} onSaved={() => undefined} onCancel={onCancel} />);
    fireEvent.input(screen.getByLabelText('Email server'), { target: { value: 'pop.gmail.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    await screen.findByText('Signed in with Google. Save the account to use it.');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const signIn = sent.find((m) => m.type === 'oauth-sign-in');
    if (signIn?.type !== 'oauth-sign-in') throw new Error('no sign-in was sent');
    expect(sent.at(-1)).toEqual({ type: 'delete-account', accountId: signIn.accountId });
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('saves a new account that signed in without asking for a password, as an XOAUTH2 account', async () => {
    answerWith(() => ({ ok: true as const, result: {} }));
    const onSaved = vi.fn();
    render(<AccountForm editing={undefined} onSaved={onSaved} onCancel={() => undefined} />);
    fireEvent.input(screen.getByLabelText('Account name'), { target: { value: 'Ada' } });
    fireEvent.input(screen.getByLabelText('Email server'), { target: { value: 'pop.gmail.com' } });
    fireEvent.input(screen.getByLabelText('User name'), { target: { value: 'ada@gmail.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    await screen.findByText('Signed in with Google. Save the account to use it.');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(screen.queryByText('Enter the password.')).toBeNull();
    const save = sent.find((m) => m.type === 'save-account');
    if (save?.type !== 'save-account') throw new Error('no save-account was sent');
    expect(save.account.server.auth).toBe('xoauth2');
    expect(save.password).toBeUndefined();
  });

  it('still asks a new account for a password when it did not sign in', async () => {
    render(<AccountForm editing={undefined} onSaved={() => undefined} onCancel={() => undefined} />);
    fireEvent.input(screen.getByLabelText('Account name'), { target: { value: 'Ada' } });
    fireEvent.input(screen.getByLabelText('Email server'), { target: { value: 'pop.gmail.com' } });
    fireEvent.input(screen.getByLabelText('User name'), { target: { value: 'ada@gmail.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(await screen.findByText('Enter the password.')).toBeTruthy();
    expect(sent.filter((m) => m.type === 'save-account')).toEqual([]);
  });

  it('sends nothing on cancel when nothing was signed in', () => {
    render(<AccountForm editing={undefined} onSaved={() => undefined} onCancel={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(sent).toEqual([]);
  });
});
