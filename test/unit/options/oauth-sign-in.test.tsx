// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
