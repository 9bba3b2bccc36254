import { PopbiffError } from '../shared/errors';
import {
  OAUTH_PROVIDERS,
  type OAuthProviderConfig,
  type OAuthProviderId,
  authorizeUrl,
  challengeFor,
  codeFromRedirect,
  createState,
  createVerifier,
  isConfigured,
} from '../shared/oauth';
import { type HostSession, withHost } from './host-client';
import type { IdentityApi } from './platform';

/**
 * The browser's half of an OAuth sign-in (authorization code with PKCE, RFC 6749 §4.1 and
 * RFC 7636): the provider's page opens in the browser's own sign-in window, and the code it
 * returns goes straight to the host with the verifier. The host redeems it and keeps the tokens;
 * nothing here ever holds a token, and nothing of the flow is stored.
 */

export interface OAuthFlowDeps {
  identity: IdentityApi | undefined;
  openHost: () => HostSession;
  /** Tests point these at a local authorization server; absent means the build's table. */
  providers?: Readonly<Record<OAuthProviderId, OAuthProviderConfig>>;
  /** False only for tests, which have no one to click through a login page. */
  interactive?: boolean;
}

export interface SignInRequest {
  accountId: string;
  provider: OAuthProviderId;
  /** The address being signed in, so the provider preselects it. */
  loginHint?: string | undefined;
}

/** The path under the redirect origin; the provider's app registration must list the full URL. */
export const REDIRECT_PATH = 'oauth';

export async function signInWithOAuth(
  deps: OAuthFlowDeps,
  request: SignInRequest,
): Promise<{ email?: string | undefined }> {
  const config = (deps.providers ?? OAUTH_PROVIDERS)[request.provider];
  if (!isConfigured(config)) throw new PopbiffError('OAUTH_NOT_CONFIGURED');
  if (!deps.identity)
    throw new PopbiffError('OAUTH_NOT_CONFIGURED', 'This browser gives extensions no sign-in window (identity API).');
  const verifier = createVerifier();
  const state = createState();
  const redirectUri = deps.identity.getRedirectURL(REDIRECT_PATH);
  const url = authorizeUrl({
    config,
    redirectUri,
    state,
    challenge: await challengeFor(verifier),
    loginHint: request.loginHint,
  });
  const responseUrl = await launch(deps.identity, url, deps.interactive ?? true);
  const code = codeFromRedirect(responseUrl, { state, redirectUri });
  const { email } = await withHost(deps, (host) =>
    host.request('oauth-exchange', {
      accountId: request.accountId,
      provider: request.provider,
      code,
      verifier,
      redirectUri,
    }),
  );
  return { email };
}

/** The window closed by the user and a page that never redirects both end here. */
async function launch(identity: IdentityApi, url: string, interactive: boolean): Promise<string> {
  let responseUrl: string | undefined;
  try {
    responseUrl = await identity.launchWebAuthFlow({ url, interactive });
  } catch {
    // The browser's text ("The user did not approve access.") varies by browser and language.
    throw new PopbiffError('OAUTH_FAILED', 'Sign-in was cancelled or did not finish.');
  }
  if (!responseUrl) throw new PopbiffError('OAUTH_FAILED', 'Sign-in was cancelled or did not finish.');
  return responseUrl;
}
