/**
 * The host's OAuth token handling against a local authorization server on 127.0.0.1: code
 * exchange with PKCE, refresh, expiry caching, rotation, invalid_grant, hostile or stalled
 * token endpoints, and no token in the log. No real provider is contacted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPIRY_MARGIN_MS, type HostProviderConfig, OAuthTokens } from '../../src/host/oauth/oauth-tokens';
import { refreshKey } from '../../src/host/oauth/refresh-tokens';
import { TOKEN_URL_OVERRIDE_ENV } from '../../src/host/oauth/token-endpoint';
import { Logger } from '../../src/host/log';
import { passwordFor } from '../../src/host/secrets/password-source';
import { MemoryCommands } from '../helpers/memory-commands';
import { isRetryable } from '../../src/shared/errors';
import { OAUTH_PROVIDERS, challengeFor, createVerifier, type OAuthProviderId } from '../../src/shared/oauth';
import { type OAuthTestServer, startOAuthTestServer } from '../helpers/oauth-test-server';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oauth';

class MemorySecrets {
  readonly kind = 'memory';
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

let server: OAuthTestServer;
let secrets: MemorySecrets;
let clock: number;
let dir: string;
let log: Logger;

beforeEach(async () => {
  server = await startOAuthTestServer();
  secrets = new MemorySecrets();
  clock = 1_000_000;
  dir = mkdtempSync(join(tmpdir(), 'popbiff-oauth-'));
  log = new Logger({ file: join(dir, 'host.log') });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Real provider entries with the test client id; the token URL reaches the test server only through the override. */
function providers(clientId = server.clientId): Record<OAuthProviderId, HostProviderConfig> {
  return {
    google: { ...OAUTH_PROVIDERS.google, clientId },
    microsoft: { ...OAUTH_PROVIDERS.microsoft, clientId },
    local: OAUTH_PROVIDERS.local,
  };
}

function tokens(overrides: Partial<ConstructorParameters<typeof OAuthTokens>[0]> = {}): OAuthTokens {
  return new OAuthTokens({
    secrets,
    log,
    now: () => clock,
    env: { [TOKEN_URL_OVERRIDE_ENV]: server.tokenUrl },
    providers: providers(),
    timeoutMs: 2000,
    ...overrides,
  });
}

/** What the browser part produces: a verifier and the code the server issued for its challenge. */
async function authorize(): Promise<{ code: string; verifier: string }> {
  const verifier = createVerifier();
  return { verifier, code: server.issueCode({ challenge: await challengeFor(verifier), redirectUri: REDIRECT }) };
}

async function signIn(oauth = tokens(), accountId = 'acct-1'): Promise<{ code: string; verifier: string }> {
  const grant = await authorize();
  await oauth.exchange({ accountId, provider: 'google', redirectUri: REDIRECT, ...grant });
  return grant;
}

describe('the code exchange', () => {
  it('redeems the code with its PKCE verifier and keeps only the refresh token, under its own key', async () => {
    const { code, verifier } = await signIn();
    expect(server.tokenRequests[0]).toEqual({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: server.clientId,
    });
    expect([...secrets.values.keys()]).toEqual([refreshKey('acct-1')]);
    expect(JSON.parse(secrets.values.get('acct-1:oauth')!)).toMatchObject({
      provider: 'google',
      refreshToken: server.issued.refresh[0],
    });
    expect(secrets.values.get('acct-1:oauth')).not.toContain(server.issued.access[0]);
  });

  it('is refused with OAUTH_FAILED when the verifier does not match the challenge, and stores nothing', async () => {
    const { code } = await authorize();
    const exchange = tokens().exchange({
      accountId: 'acct-1',
      provider: 'google',
      code,
      verifier: createVerifier(),
      redirectUri: REDIRECT,
    });
    await expect(exchange).rejects.toMatchObject({ code: 'OAUTH_FAILED' });
    expect(secrets.values.size).toBe(0);
  });

  it('fails when the provider grants no refresh token (nothing to check with later)', async () => {
    server.mode = 'no-refresh-token';
    await expect(signIn()).rejects.toMatchObject({ code: 'OAUTH_FAILED' });
    expect(secrets.values.size).toBe(0);
  });

  it('says OAUTH_NOT_CONFIGURED for a build without a client id, without contacting anyone', async () => {
    await expect(signIn(tokens({ providers: providers('not-configured') }))).rejects.toMatchObject({
      code: 'OAUTH_NOT_CONFIGURED',
    });
    expect(server.tokenRequests).toHaveLength(0);
  });
});

describe('access tokens', () => {
  it('reuses the access token until shortly before it expires, then refreshes', async () => {
    const oauth = tokens();
    await signIn(oauth);
    expect(await oauth.accessToken('acct-1')).toBe(server.issued.access[0]);
    clock += server.expiresIn * 1000 - EXPIRY_MARGIN_MS - 1;
    expect(await oauth.accessToken('acct-1')).toBe(server.issued.access[0]);
    expect(server.tokenRequests).toHaveLength(1);
    clock += 2;
    expect(await oauth.accessToken('acct-1')).toBe(server.issued.access[1]);
    expect(server.tokenRequests[1]).toEqual({
      grant_type: 'refresh_token',
      refresh_token: server.issued.refresh[0],
      client_id: server.clientId,
    });
  });

  it('a new host process refreshes with the stored refresh token, once for concurrent checks', async () => {
    await signIn();
    const fresh = tokens();
    const both = await Promise.all([fresh.accessToken('acct-1'), fresh.accessToken('acct-1')]);
    expect(both).toEqual([server.issued.access[1], server.issued.access[1]]);
    expect(server.tokenRequests.filter((form) => form.grant_type === 'refresh_token')).toHaveLength(1);
  });

  it('keeps the new refresh token when the provider rotates them', async () => {
    server.rotateRefreshTokens = true;
    await signIn();
    await tokens().accessToken('acct-1');
    expect(JSON.parse(secrets.values.get('acct-1:oauth')!).refreshToken).toBe(server.issued.refresh[1]);
    // The old one is dead at the server; the next process must use the new one.
    expect(await tokens().accessToken('acct-1')).toBe(server.issued.access[2]);
  });

  it('a revoked refresh token (invalid_grant) is OAUTH_FAILED, which the scheduler does not retry', async () => {
    await signIn();
    server.revoke(server.issued.refresh[0]!);
    const error = await tokens()
      .accessToken('acct-1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OAUTH_FAILED' });
    expect(isRetryable('OAUTH_FAILED')).toBe(false);
    expect(String((error as Error).message)).not.toContain(server.issued.refresh[0]);
  });

  it('is undefined for an account that never signed in with OAuth, and forget removes a sign-in', async () => {
    const oauth = tokens();
    expect(await oauth.accessToken('acct-1')).toBeUndefined();
    await signIn(oauth);
    await oauth.forget('acct-1');
    expect(secrets.values.size).toBe(0);
    expect(await oauth.accessToken('acct-1')).toBeUndefined();
  });
});

describe('a hostile or broken token endpoint', () => {
  it.each([
    ['garbage', 'not JSON'],
    ['server-error', 'HTTP status 503'],
    ['oversize', 'larger than a token answer'],
  ] as const)('%s is OAUTH_UNAVAILABLE (retried later)', async (mode, detail) => {
    await signIn();
    server.mode = mode;
    const error = await tokens()
      .accessToken('acct-1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OAUTH_UNAVAILABLE' });
    expect((error as Error).message).toContain(detail);
    expect(isRetryable('OAUTH_UNAVAILABLE')).toBe(true);
  });

  it('a stalled endpoint is given up after the deadline', async () => {
    await signIn();
    server.mode = 'stall';
    const started = Date.now();
    const error = await tokens({ timeoutMs: 300 })
      .accessToken('acct-1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OAUTH_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('an override that is not 127.0.0.1 is refused, as is a provider URL without HTTPS', async () => {
    const grant = await authorize();
    const request = { accountId: 'a', provider: 'google' as const, redirectUri: REDIRECT, ...grant };
    await expect(
      tokens({ env: { [TOKEN_URL_OVERRIDE_ENV]: 'http://localhost.example/token' } }).exchange(request),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const plainHttp = { ...providers(), google: { ...providers().google, tokenUrl: 'http://oauth2.example/token' } };
    await expect(tokens({ env: {}, providers: plainHttp }).exchange(request)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(server.tokenRequests).toHaveLength(0);
  });
});

describe('secrets', () => {
  it('no code, verifier or token reaches the log, even when a line would carry them', async () => {
    const oauth = tokens();
    const { code, verifier } = await signIn(oauth);
    clock += server.expiresIn * 1000;
    await oauth.accessToken('acct-1');
    const all = [code, verifier, ...server.issued.access, ...server.issued.refresh];
    log.error('something went wrong', new Error(`while holding ${all.join(' ')}`));
    const text = readFileSync(join(dir, 'host.log'), 'utf8');
    expect(text).toContain('something went wrong');
    for (const secret of all) expect(text).not.toContain(secret);
  });
});

describe('passwordFor', () => {
  const address = { host: 'pop.gmail.com', port: 995, username: 'ada@gmail.com' };
  const xoauth2 = { ...address, auth: 'xoauth2' as const };

  it('gives an OAuth account its access token, and the stored secret to others or when not signed in', async () => {
    const oauth = tokens();
    await secrets.set('acct-1', 'stored-secret');
    const commands = new MemoryCommands();
    const sources = { secrets, commands, oauth };
    expect(await passwordFor('acct-1', xoauth2, sources)).toBe('stored-secret');
    await signIn(oauth);
    expect(await passwordFor('acct-1', xoauth2, sources)).toBe(server.issued.access[0]);
    expect(await passwordFor('acct-1', { ...address, auth: 'oauthbearer' }, sources)).toBe(server.issued.access[0]);
    expect(await passwordFor('acct-1', { ...address, auth: 'user' }, sources)).toBe('stored-secret');
    await commands.set('acct-1', 'passwordCommand', ['x']);
    expect(await passwordFor('acct-1', xoauth2, { ...sources, run: async () => 'from-command' })).toBe('from-command');
  });

  it('binds the sign-in to the server of its first use, and refuses any other before sending a token', async () => {
    const oauth = tokens();
    await signIn(oauth);
    const sources = { secrets, commands: new MemoryCommands(), oauth };
    expect(await passwordFor('acct-1', xoauth2, sources)).toBe(server.issued.access[0]);
    const issued = server.issued.access.length;
    for (const other of [{ host: 'pop.evil.example' }, { port: 1995 }, { username: 'mallory@gmail.com' }]) {
      await expect(passwordFor('acct-1', { ...xoauth2, ...other }, sources)).rejects.toMatchObject({
        code: 'SECRET_OTHER_SERVER',
      });
    }
    expect(server.issued.access).toHaveLength(issued);
    expect(await passwordFor('acct-1', { ...xoauth2, host: 'POP.GMAIL.COM' }, sources)).toBe(server.issued.access[0]);
  });
});
