import * as z from 'zod/mini';
import { PopbiffError } from './errors';
import { localOAuthSettings } from './local-oauth';

/**
 * OAuth 2.0 sign-in for providers whose POP3 servers take XOAUTH2 (Gmail; Microsoft has retired
 * passwords). The extension runs the authorization-code flow with PKCE (RFC 6749 §4.1,
 * RFC 7636) in the browser; the host exchanges the code and keeps the refresh token, so no token
 * ever reaches the extension. Pure: no I/O beyond crypto.getRandomValues and crypto.subtle.
 */

/** `local` is a test build's provider on this computer (local-oauth.ts); release builds leave it unconfigured. */
export const OAuthProviderId = z.enum(['google', 'microsoft', 'local']);
export type OAuthProviderId = z.infer<typeof OAuthProviderId>;

/** The client id a build gets when none was configured: the UI then explains OAuth is unavailable. */
export const CLIENT_ID_NOT_CONFIGURED = 'not-configured';

export interface OAuthProviderConfig {
  id: OAuthProviderId;
  /** Shown on the button: "Sign in with …". */
  name: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Space-separated (RFC 6749 §3.3). */
  scope: string;
  clientId: string;
  /** Extra authorize parameters the provider needs to hand out a refresh token. */
  extraParams: Readonly<Record<string, string>>;
}

export const OAUTH_PROVIDERS: Readonly<Record<OAuthProviderId, OAuthProviderConfig>> = {
  google: {
    id: 'google',
    name: 'Google',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scope: 'https://mail.google.com/',
    clientId: import.meta.env?.VITE_POPBIFF_GOOGLE_CLIENT_ID || CLIENT_ID_NOT_CONFIGURED,
    // Google issues a refresh token only with offline access, and again only on a fresh consent.
    extraParams: { access_type: 'offline', prompt: 'consent' },
  },
  microsoft: {
    id: 'microsoft',
    name: 'Microsoft',
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    scope: 'https://outlook.office.com/POP.AccessAsUser.All offline_access',
    clientId: import.meta.env?.VITE_POPBIFF_MICROSOFT_CLIENT_ID || CLIENT_ID_NOT_CONFIGURED,
    extraParams: {},
  },
  local: localProvider(),
};

function localProvider(): OAuthProviderConfig {
  // Each setting by name: Vite stamps in only the variables named, not the whole environment.
  const settings = localOAuthSettings({
    authorizeUrl: import.meta.env?.VITE_POPBIFF_LOCAL_OAUTH_AUTHORIZE_URL,
    tokenUrl: import.meta.env?.VITE_POPBIFF_LOCAL_OAUTH_TOKEN_URL,
    clientId: import.meta.env?.VITE_POPBIFF_LOCAL_OAUTH_CLIENT_ID,
  });
  return {
    id: 'local',
    name: 'Local Test',
    // Never opened while unconfigured: isConfigured() is asked first everywhere.
    authorizeUrl: settings?.authorizeUrl ?? 'http://127.0.0.1/',
    tokenUrl: settings?.tokenUrl ?? 'http://127.0.0.1/',
    scope: 'https://mail.google.com/',
    clientId: settings?.clientId ?? CLIENT_ID_NOT_CONFIGURED,
    extraParams: {},
  };
}

/** Which OAuth provider signs in for an entry of the provider table (providers.ts), if any. */
const PROVIDER_TABLE_TO_OAUTH: Readonly<Record<string, OAuthProviderId>> = {
  gmail: 'google',
  outlook: 'microsoft',
  microsoft365: 'microsoft',
};

export function oauthProviderFor(providerTableId: string | undefined): OAuthProviderId | undefined {
  if (providerTableId === undefined || !Object.hasOwn(PROVIDER_TABLE_TO_OAUTH, providerTableId)) return undefined;
  return PROVIDER_TABLE_TO_OAUTH[providerTableId];
}

export function isConfigured(config: Pick<OAuthProviderConfig, 'clientId'>): boolean {
  return config.clientId !== '' && config.clientId !== CLIENT_ID_NOT_CONFIGURED;
}

// PKCE (RFC 7636)

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]. */
export const VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;

/** Unpadded base64url (RFC 4648 §5), as RFC 7636 Appendix A specifies. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomBase64Url(byteCount: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/** 32 random octets give a 43-character verifier with 256 bits of entropy (RFC 7636 §7.1). */
export function createVerifier(): string {
  return randomBase64Url(32);
}

/** RFC 7636 §4.2: S256 challenge = BASE64URL(SHA256(ASCII(verifier))). */
export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** Binds the redirect to the request that started it (RFC 6749 §10.12, CSRF). */
export function createState(): string {
  return randomBase64Url(16);
}

// The authorization request and its redirect (RFC 6749 §4.1.1, §4.1.2)

export interface AuthorizeRequest {
  config: OAuthProviderConfig;
  redirectUri: string;
  state: string;
  challenge: string;
  /** The address being signed in, so the provider preselects that account. */
  loginHint?: string | undefined;
}

export function authorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(request.config.authorizeUrl);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: request.config.clientId,
    redirect_uri: request.redirectUri,
    scope: request.config.scope,
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
    ...request.config.extraParams,
  };
  if (request.loginHint) params.login_hint = request.loginHint;
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * The authorization code from the URL the provider redirected to. Refuses a redirect to another
 * place, one whose state is not ours (a forged or replayed response), and error responses.
 */
export function codeFromRedirect(responseUrl: string, expected: { state: string; redirectUri: string }): string {
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    throw new PopbiffError('OAUTH_FAILED', 'The sign-in page returned an invalid address.');
  }
  const redirect = new URL(expected.redirectUri);
  if (url.origin !== redirect.origin || url.pathname !== redirect.pathname) {
    throw new PopbiffError('OAUTH_FAILED', 'The sign-in page returned to an unexpected address.');
  }
  const params = url.searchParams;
  if (params.get('state') !== expected.state)
    throw new PopbiffError('OAUTH_FAILED', 'The sign-in response did not match the request; try again.');
  const error = params.get('error');
  if (error !== null) throw new PopbiffError('OAUTH_FAILED', describeAuthorizeError(error));
  const code = params.get('code');
  if (code === null || code === '')
    throw new PopbiffError('OAUTH_FAILED', 'The sign-in page returned no authorization code.');
  return code;
}

/** RFC 6749 §4.1.2.1 error codes; only the code is shown, never the provider's free text. */
function describeAuthorizeError(error: string): string {
  if (error === 'access_denied') return 'Sign-in was cancelled or access was not granted.';
  const safe = /^[a-z_]{1,40}$/.test(error) ? error : 'unknown';
  return `The provider refused the sign-in (${safe}).`;
}
