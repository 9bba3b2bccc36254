import { useState } from 'preact/hooks';
import type { ErrorInfo } from '../shared/errors';
import { OAUTH_PROVIDERS, isConfigured } from '../shared/oauth';
import { oauthProviderForServer } from '../shared/providers';
import { ErrorNote } from '../ui/ErrorNote';
import { t } from '../ui/i18n';
import { send } from '../ui/messaging';

interface Props {
  /** The account's id (stable before the first save, so the host can key the sign-in to it). */
  accountId: string;
  /** The form's POP3 server: Gmail's and Microsoft's offer OAuth sign-in. */
  host: string;
  /** The address being signed in, so the provider preselects it. */
  loginHint: string;
  /** Signed in: the form switches the account to XOAUTH2. */
  onSignedIn: () => void;
}

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; error: ErrorInfo };

/**
 * "Sign in with Google/Microsoft" for accounts at those providers. The background runs the
 * browser's sign-in window; the host keeps the tokens. Nothing shows for other servers, and a
 * build without client ids says so instead of offering a button that cannot work.
 */
export function OAuthSignIn({ accountId, host, loginHint, onSignedIn }: Props) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const provider = oauthProviderForServer(host);
  if (provider === undefined) return null;
  const config = OAUTH_PROVIDERS[provider];
  if (!isConfigured(config)) {
    return <p class="hint oauth-unavailable">{t('oauth_notConfigured', config.name)}</p>;
  }

  const signIn = async (): Promise<void> => {
    if (status.kind === 'busy') return;
    setStatus({ kind: 'busy' });
    const reply = await send({ type: 'oauth-sign-in', accountId, provider, loginHint: loginHint.trim() || undefined });
    if (!reply.ok) {
      setStatus({ kind: 'failed', error: reply.error });
      return;
    }
    setStatus({ kind: 'done' });
    onSignedIn();
  };

  return (
    <div class="field oauth-sign-in">
      <p class="hint" id="oauth-hint">
        {t('oauth_hint', config.name)}
      </p>
      <button
        type="button"
        aria-describedby="oauth-hint"
        aria-busy={status.kind === 'busy'}
        aria-disabled={status.kind === 'busy'}
        onClick={() => void signIn()}
      >
        {status.kind === 'busy' && <span class="spinner" aria-hidden="true" />}
        {t('oauth_signInWith', config.name)}
      </button>
      {status.kind === 'done' && (
        <span class="ok" role="status">
          {t('oauth_signedIn', config.name)}
        </span>
      )}
      {status.kind === 'failed' && <ErrorNote error={status.error} />}
    </div>
  );
}
