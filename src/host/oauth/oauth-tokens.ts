import { PopbiffError } from '../../shared/errors';
import { OAUTH_PROVIDERS, type OAuthProviderConfig, type OAuthProviderId, isConfigured } from '../../shared/oauth';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets/secret-store';
import { type SecretBinding, boundElsewhere, sameBinding } from '../secrets/binding';
import { type RefreshRecord, deleteRefreshRecord, readRefreshRecord, writeRefreshRecord } from './refresh-tokens';
import { type TokenGrant, requestTokens, tokenUrl } from './token-endpoint';

/**
 * The host's side of OAuth: trades the extension's authorization code for tokens, keeps the
 * refresh token in the SecretStore, and hands each check a fresh access token. Access tokens
 * stay in memory only, until shortly before they expire. Every token and code is registered
 * with the log masker before anything could log it.
 */

/** An access token this close to its expiry is refreshed first: a check can take a minute. */
export const EXPIRY_MARGIN_MS = 2 * 60_000;

export interface HostProviderConfig extends OAuthProviderConfig {
  /** Google's "installed app" secret (not confidential; see build-env.d.ts); absent for Microsoft. */
  clientSecret?: string | undefined;
}

export interface OAuthDeps {
  secrets: Pick<SecretStore, 'get' | 'set' | 'delete'>;
  log: Pick<Logger, 'addSecret'>;
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  providers?: Readonly<Record<OAuthProviderId, HostProviderConfig>>;
  timeoutMs?: number;
}

export interface ExchangeRequest {
  accountId: string;
  provider: OAuthProviderId;
  code: string;
  verifier: string;
  redirectUri: string;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export const HOST_OAUTH_PROVIDERS: Readonly<Record<OAuthProviderId, HostProviderConfig>> = {
  google: { ...OAUTH_PROVIDERS.google, clientSecret: import.meta.env?.VITE_POPBIFF_GOOGLE_CLIENT_SECRET || undefined },
  microsoft: OAUTH_PROVIDERS.microsoft,
  // Its token URL is this build's own (loopback only), never one the extension names.
  local: OAUTH_PROVIDERS.local,
};

export class OAuthTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly refreshing = new Map<string, Promise<string>>();
  private readonly now: () => number;
  private readonly providers: Readonly<Record<OAuthProviderId, HostProviderConfig>>;

  constructor(private readonly deps: OAuthDeps) {
    this.now = deps.now ?? Date.now;
    this.providers = deps.providers ?? HOST_OAUTH_PROVIDERS;
  }

  /** RFC 6749 §4.1.3 with the PKCE verifier (RFC 7636 §4.5); stores the refresh token. */
  async exchange(request: ExchangeRequest): Promise<void> {
    this.deps.log.addSecret(request.code);
    this.deps.log.addSecret(request.verifier);
    const config = this.configFor(request.provider);
    const grant = await this.post(config, {
      grant_type: 'authorization_code',
      code: request.code,
      redirect_uri: request.redirectUri,
      code_verifier: request.verifier,
    });
    if (grant.refreshToken === undefined) {
      throw new PopbiffError(
        'OAUTH_FAILED',
        'The provider granted no lasting access (no refresh token); sign in again.',
      );
    }
    await writeRefreshRecord(this.deps.secrets, request.accountId, {
      provider: request.provider,
      refreshToken: grant.refreshToken,
    });
    this.remember(request.accountId, grant);
  }

  /**
   * A usable access token for the account, or undefined when it has never signed in with OAuth
   * (its stored secret is then used as it is). Concurrent callers share one refresh.
   */
  async accessToken(accountId: string, server?: SecretBinding): Promise<string | undefined> {
    if (server) await this.bind(accountId, server);
    const cached = this.cache.get(accountId);
    if (cached && this.now() < cached.expiresAt - EXPIRY_MARGIN_MS) return cached.token;
    const joined = this.refreshing.get(accountId);
    if (joined !== undefined) return joined;
    const record = await readRefreshRecord(this.deps.secrets, accountId);
    if (!record) return undefined;
    // Another caller may have started a refresh while the store was read.
    const running = this.refreshing.get(accountId);
    if (running !== undefined) return running;
    const refresh = this.refresh(accountId, record).finally(() => this.refreshing.delete(accountId));
    this.refreshing.set(accountId, refresh);
    return refresh;
  }

  /**
   * The sign-in belongs to the server it is first used with (the code exchange knows only the
   * provider); afterwards another host, port or user name is refused before any token is sent.
   */
  private async bind(accountId: string, server: SecretBinding): Promise<void> {
    const record = await readRefreshRecord(this.deps.secrets, accountId);
    if (!record) return;
    if (record.server === undefined) await writeRefreshRecord(this.deps.secrets, accountId, { ...record, server });
    else if (!sameBinding(record.server, server)) throw boundElsewhere();
  }

  async forget(accountId: string): Promise<void> {
    this.cache.delete(accountId);
    await deleteRefreshRecord(this.deps.secrets, accountId);
  }

  /** RFC 6749 §6; a provider that rotates refresh tokens (Microsoft) sends a new one to keep. */
  private async refresh(accountId: string, record: RefreshRecord): Promise<string> {
    this.deps.log.addSecret(record.refreshToken);
    this.cache.delete(accountId);
    const grant = await this.post(this.configFor(record.provider), {
      grant_type: 'refresh_token',
      refresh_token: record.refreshToken,
    });
    if (grant.refreshToken !== undefined && grant.refreshToken !== record.refreshToken) {
      await writeRefreshRecord(this.deps.secrets, accountId, { ...record, refreshToken: grant.refreshToken });
    }
    return this.remember(accountId, grant);
  }

  private async post(config: HostProviderConfig, grant: Record<string, string>): Promise<TokenGrant> {
    const form: Record<string, string> = { ...grant, client_id: config.clientId };
    if (config.clientSecret) form.client_secret = config.clientSecret;
    const url = tokenUrl(config.tokenUrl, this.deps.env ?? process.env);
    const tokens = await requestTokens(url, form, { timeoutMs: this.deps.timeoutMs });
    this.deps.log.addSecret(tokens.accessToken);
    if (tokens.refreshToken !== undefined) this.deps.log.addSecret(tokens.refreshToken);
    return tokens;
  }

  private remember(accountId: string, grant: TokenGrant): string {
    this.cache.set(accountId, { token: grant.accessToken, expiresAt: this.now() + grant.expiresIn * 1000 });
    return grant.accessToken;
  }

  private configFor(provider: OAuthProviderId): HostProviderConfig {
    const config = this.providers[provider];
    if (!isConfigured(config)) throw new PopbiffError('OAUTH_NOT_CONFIGURED');
    return config;
  }
}
