import { describe, expect, it } from 'vitest';
import {
  CLIENT_ID_NOT_CONFIGURED,
  OAUTH_PROVIDERS,
  VERIFIER_PATTERN,
  authorizeUrl,
  challengeFor,
  codeFromRedirect,
  createState,
  createVerifier,
  isConfigured,
  oauthProviderFor,
} from '../../../src/shared/oauth';
import { oauthProviderForServer } from '../../../src/shared/providers';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oauth';
const google = { ...OAUTH_PROVIDERS.google, clientId: 'client-123.apps.example' };

describe('PKCE (RFC 7636)', () => {
  it('makes verifiers of 43 unreserved characters, different every time', () => {
    const verifiers = Array.from({ length: 50 }, () => createVerifier());
    for (const verifier of verifiers) expect(verifier).toMatch(VERIFIER_PATTERN);
    expect(verifiers[0]).toHaveLength(43);
    expect(new Set(verifiers).size).toBe(verifiers.length);
  });

  it('derives the S256 challenge of RFC 7636 Appendix B', async () => {
    expect(await challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes unguessable state values', () => {
    const states = new Set(Array.from({ length: 50 }, () => createState()));
    expect(states.size).toBe(50);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('the authorization request', () => {
  it('carries the client, redirect, scope, state and S256 challenge, plus what Google needs for a refresh token', () => {
    const url = new URL(
      authorizeUrl({
        config: google,
        redirectUri: REDIRECT,
        state: 's-1',
        challenge: 'c-1',
        loginHint: 'ada@gmail.com',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123.apps.example',
      redirect_uri: REDIRECT,
      scope: 'https://mail.google.com/',
      state: 's-1',
      code_challenge: 'c-1',
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      login_hint: 'ada@gmail.com',
    });
  });

  it('asks Microsoft for POP access and offline access (a refresh token)', () => {
    const url = new URL(
      authorizeUrl({
        config: { ...OAUTH_PROVIDERS.microsoft, clientId: 'x' },
        redirectUri: REDIRECT,
        state: 's',
        challenge: 'c',
      }),
    );
    expect(url.host).toBe('login.microsoftonline.com');
    expect(url.searchParams.get('scope')).toBe('https://outlook.office.com/POP.AccessAsUser.All offline_access');
    expect(url.searchParams.has('login_hint')).toBe(false);
  });
});

describe('the redirect back', () => {
  const expected = { state: 'state-42', redirectUri: REDIRECT };

  it('yields the code when the state matches', () => {
    expect(codeFromRedirect(`${REDIRECT}?code=4%2F0Ab-code&state=state-42`, expected)).toBe('4/0Ab-code');
  });

  it.each([
    ['another state (forged or replayed)', `${REDIRECT}?code=c&state=state-43`],
    ['no state', `${REDIRECT}?code=c`],
    ['another place', `https://evil.example/oauth?code=c&state=state-42`],
    ['another path', `${REDIRECT}/x?code=c&state=state-42`],
    ['no code', `${REDIRECT}?state=state-42`],
    ['an error response', `${REDIRECT}?error=access_denied&state=state-42`],
    ['garbage', 'not a url'],
  ])('refuses %s with OAUTH_FAILED', (_name, url) => {
    expect(() => codeFromRedirect(url, expected)).toThrow(expect.objectContaining({ code: 'OAUTH_FAILED' }));
  });

  it("never repeats the provider's free text, only a plain error code", () => {
    expect(() => codeFromRedirect(`${REDIRECT}?error=%3Cscript%3E&state=state-42`, expected)).toThrow('(unknown)');
    expect(() => codeFromRedirect(`${REDIRECT}?error=server_error&state=state-42`, expected)).toThrow('(server_error)');
  });
});

describe('provider table', () => {
  it('maps Gmail to Google and both Microsoft entries to Microsoft, nothing else', () => {
    expect(oauthProviderFor('gmail')).toBe('google');
    expect(oauthProviderFor('outlook')).toBe('microsoft');
    expect(oauthProviderFor('microsoft365')).toBe('microsoft');
    expect(oauthProviderFor('yahoo')).toBeUndefined();
    expect(oauthProviderFor('toString')).toBeUndefined();
    expect(oauthProviderFor(undefined)).toBeUndefined();
  });

  it('says "not configured" for a build without client ids', () => {
    expect(isConfigured({ clientId: CLIENT_ID_NOT_CONFIGURED })).toBe(false);
    expect(isConfigured({ clientId: '' })).toBe(false);
    expect(isConfigured({ clientId: 'abc.apps.googleusercontent.com' })).toBe(true);
    // The test build sets no VITE_POPBIFF_*_CLIENT_ID.
    expect(OAUTH_PROVIDERS.google.clientId).toBe(CLIENT_ID_NOT_CONFIGURED);
  });
});

describe('which servers offer OAuth sign-in', () => {
  it("knows Gmail's and Microsoft's POP3 servers by name, and no other", () => {
    expect(oauthProviderForServer('pop.gmail.com')).toBe('google');
    expect(oauthProviderForServer(' Outlook.Office365.com ')).toBe('microsoft');
    expect(oauthProviderForServer('pop.mail.yahoo.com')).toBeUndefined();
    expect(oauthProviderForServer('')).toBeUndefined();
  });
});
