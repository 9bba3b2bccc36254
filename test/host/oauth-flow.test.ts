/**
 * The extension's half of the OAuth sign-in (background/oauth-flow.ts) with a fake identity API
 * that follows the local authorization server's redirect, and a fake host port whose
 * `oauth-exchange` runs the real host code against the local token endpoint: the code, verifier
 * and redirect URI the extension sends must redeem at a PKCE-checking server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInWithOAuth } from '../../src/background/oauth-flow';
import type { IdentityApi } from '../../src/background/platform';
import { openHostSession } from '../../src/background/host-client';
import { OAuthTokens } from '../../src/host/oauth/oauth-tokens';
import { TOKEN_URL_OVERRIDE_ENV } from '../../src/host/oauth/token-endpoint';
import { OAUTH_PROVIDERS, type OAuthProviderConfig, type OAuthProviderId } from '../../src/shared/oauth';
import { createFakeBrowser, type FakeBrowser, type HostRequest } from '../helpers/fake-browser';
import { type OAuthTestServer, startOAuthTestServer } from '../helpers/oauth-test-server';

const REDIRECT_BASE = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

let server: OAuthTestServer;
let fake: FakeBrowser;
let stored: Map<string, string>;
let launched: { url: string; interactive: boolean }[];

beforeEach(async () => {
  server = await startOAuthTestServer();
  stored = new Map();
  launched = [];
  const secrets = {
    get: async (k: string) => stored.get(k),
    set: async (k: string, v: string) => void stored.set(k, v),
    delete: async (k: string) => void stored.delete(k),
  };
  const hostTokens = new OAuthTokens({
    secrets,
    log: { addSecret: () => undefined },
    env: { [TOKEN_URL_OVERRIDE_ENV]: server.tokenUrl },
    providers: {
      google: { ...OAUTH_PROVIDERS.google, clientId: server.clientId },
      microsoft: OAUTH_PROVIDERS.microsoft,
      local: OAUTH_PROVIDERS.local,
    },
  });
  fake = createFakeBrowser((request: HostRequest, port) => {
    if (request.type !== 'oauth-exchange') return port.fail(request.id, 'BAD_REQUEST');
    hostTokens.exchange(request.payload as unknown as Parameters<OAuthTokens['exchange']>[0]).then(
      () => port.ok(request.id, { done: true }),
      (error: { code: string; message: string }) => port.fail(request.id, error.code, error.message),
    );
  });
});
afterEach(() => server.close());

/** The provider table with Google's pages at the local server. */
function localProviders(clientId = server.clientId): Record<OAuthProviderId, OAuthProviderConfig> {
  return {
    google: { ...OAUTH_PROVIDERS.google, clientId, authorizeUrl: server.authorizeUrl },
    microsoft: OAUTH_PROVIDERS.microsoft,
    local: OAUTH_PROVIDERS.local,
  };
}

/** A browser sign-in window that loads the authorize URL and returns where it redirects. */
function identity(rewrite: (redirect: URL) => URL = (url) => url): IdentityApi {
  return {
    getRedirectURL: (path = '') => `${REDIRECT_BASE}${path}`,
    launchWebAuthFlow: async (details) => {
      launched.push(details);
      const response = await fetch(details.url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      return rewrite(new URL(response.headers.get('location') ?? '')).toString();
    },
  };
}

const deps = (overrides: Partial<Parameters<typeof signInWithOAuth>[0]> = {}) => ({
  identity: identity(),
  openHost: () => openHostSession(fake.platform.connectNative, { lastError: fake.platform.lastError }),
  providers: localProviders(),
  ...overrides,
});

const exchanges = () =>
  fake.ports.flatMap((port) => port.posted).filter((request) => request.type === 'oauth-exchange');

describe('OAuth sign-in in the extension', () => {
  it('runs the PKCE flow and hands code, verifier and redirect URI to the host, which redeems them', async () => {
    await signInWithOAuth(deps(), { accountId: 'acct-1', provider: 'google', loginHint: 'ada@gmail.com' });
    const authorize = new URL(launched[0]!.url);
    expect(launched[0]!.interactive).toBe(true);
    expect(authorize.searchParams.get('login_hint')).toBe('ada@gmail.com');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${REDIRECT_BASE}oauth`);
    const [exchange] = exchanges();
    expect(exchange?.payload).toMatchObject({
      accountId: 'acct-1',
      provider: 'google',
      redirectUri: `${REDIRECT_BASE}oauth`,
    });
    expect(JSON.parse(stored.get('acct-1:oauth')!).refreshToken).toBe(server.issued.refresh[0]);
  });

  it('refuses a redirect carrying another state, and never sends its code to the host', async () => {
    const forged = identity((url) => {
      url.searchParams.set('state', 'attacker');
      return url;
    });
    await expect(
      signInWithOAuth(deps({ identity: forged }), { accountId: 'acct-1', provider: 'google' }),
    ).rejects.toMatchObject({ code: 'OAUTH_FAILED' });
    expect(exchanges()).toHaveLength(0);
  });

  it('a closed sign-in window is OAUTH_FAILED ("cancelled")', async () => {
    const closed: IdentityApi = {
      getRedirectURL: () => REDIRECT_BASE,
      launchWebAuthFlow: () => Promise.reject(new Error('The user did not approve access.')),
    };
    await expect(signInWithOAuth(deps({ identity: closed }), { accountId: 'a', provider: 'google' })).rejects.toThrow(
      /cancelled/,
    );
    expect(exchanges()).toHaveLength(0);
  });

  it('says OAUTH_NOT_CONFIGURED without opening a window when the build has no client id or the browser no identity API', async () => {
    await expect(
      signInWithOAuth(deps({ providers: localProviders('not-configured') }), { accountId: 'a', provider: 'google' }),
    ).rejects.toMatchObject({ code: 'OAUTH_NOT_CONFIGURED' });
    await expect(
      signInWithOAuth(deps({ identity: undefined }), { accountId: 'a', provider: 'google' }),
    ).rejects.toMatchObject({ code: 'OAUTH_NOT_CONFIGURED' });
    expect(launched).toHaveLength(0);
  });

  it('a replayed redirect (its code already redeemed) is refused before it reaches the host', async () => {
    const replay = identity();
    let first: string | undefined;
    const replaying: IdentityApi = {
      ...replay,
      launchWebAuthFlow: async (details) => (first ??= await replay.launchWebAuthFlow(details)),
    };
    await signInWithOAuth(deps({ identity: replaying }), { accountId: 'a', provider: 'google' });
    await expect(
      signInWithOAuth(deps({ identity: replaying }), { accountId: 'a', provider: 'google' }),
    ).rejects.toMatchObject({ code: 'OAUTH_FAILED' });
    expect(exchanges()).toHaveLength(1);
  });

  it("the token endpoint's refusal of a bad code comes back from the host as OAUTH_FAILED", async () => {
    const badCode = identity((url) => {
      url.searchParams.set('code', 'not-issued');
      return url;
    });
    await expect(
      signInWithOAuth(deps({ identity: badCode }), { accountId: 'a', provider: 'google' }),
    ).rejects.toMatchObject({ code: 'OAUTH_FAILED' });
    expect(exchanges()).toHaveLength(1);
    expect(stored.size).toBe(0);
  });
});
