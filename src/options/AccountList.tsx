import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import type { ErrorInfo } from '../shared/errors';
import { accountColour } from '../ui/account-colour';
import { ErrorNote } from '../ui/ErrorNote';
import { intervalText } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { send } from '../ui/messaging';
import { displayText } from '../shared/sanitize';

interface Props {
  accounts: Account[];
  onEdit: (account: Account) => void;
}

/** The configured accounts, each with Edit and a two-step Remove (no blocking dialogs). */
export function AccountList({ accounts, onEdit }: Props) {
  if (accounts.length === 0) return <p class="muted">{t('accounts_none')}</p>;
  return (
    <ul class="account-list">
      {accounts.map((account) => (
        <AccountRow key={account.id} account={account} onEdit={onEdit} />
      ))}
    </ul>
  );
}

function AccountRow({ account, onEdit }: { account: Account; onEdit: (account: Account) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const name = displayText(account.name, 100);
  const { server } = account;

  const remove = async (): Promise<void> => {
    const reply = await send({ type: 'delete-account', accountId: account.id });
    setConfirming(false);
    if (!reply.ok) setError(reply.error);
  };

  return (
    <li class="account-row" aria-label={name}>
      <span class="dot" style={{ background: accountColour(account) }} aria-hidden="true" />
      <div class="account-summary">
        <strong dir="auto">{name}</strong>
        <span class="muted">
          {t('accounts_summary', [
            displayText(server.username),
            displayText(server.host),
            String(server.port),
            t(`security_${server.security}`),
            intervalText(account.intervalMinutes, uiLanguage()),
          ])}
        </span>
      </div>
      {confirming ? (
        <fieldset class="confirm" aria-label={t('accounts_removeConfirm', name)}>
          <span>{t('accounts_removeQuestion')}</span>
          <button type="button" class="danger" onClick={remove}>
            {t('accounts_yes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('accounts_no')}
          </button>
        </fieldset>
      ) : (
        <div class="row-actions">
          <button type="button" onClick={() => onEdit(account)} aria-label={t('accounts_editNamed', name)}>
            {t('accounts_edit')}
          </button>
          <button type="button" onClick={() => setConfirming(true)} aria-label={t('accounts_removeNamed', name)}>
            {t('accounts_remove')}
          </button>
        </div>
      )}
      {error && <ErrorNote error={error} />}
    </li>
  );
}
