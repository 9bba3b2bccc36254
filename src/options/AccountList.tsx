import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import type { ErrorInfo } from '../shared/errors';
import { ErrorNote } from '../ui/ErrorNote';
import { send } from '../ui/messaging';
import { displayText } from '../ui/sanitize';

interface Props {
  accounts: Account[];
  onEdit: (account: Account) => void;
}

const SECURITY_LABEL = { tls: 'TLS', starttls: 'STARTTLS', plain: 'clear text' } as const;

/** The configured accounts, each with Edit and a two-step Remove (no blocking dialogs). */
export function AccountList({ accounts, onEdit }: Props) {
  if (accounts.length === 0) return <p class="muted">No accounts yet: add one below.</p>;
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
      <div class="account-summary">
        <strong>{name}</strong>
        <span class="muted">
          {displayText(server.username)} @ {displayText(server.host)}:{server.port} · {SECURITY_LABEL[server.security]}
          {' · '}every {account.intervalMinutes} min
        </span>
      </div>
      {confirming ? (
        <div class="confirm" role="group" aria-label={`Remove ${name}?`}>
          <span>Remove?</span>
          <button type="button" class="danger" onClick={remove}>
            Yes
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            No
          </button>
        </div>
      ) : (
        <div class="row-actions">
          <button type="button" onClick={() => onEdit(account)}>
            Edit
          </button>
          <button type="button" onClick={() => setConfirming(true)}>
            Remove
          </button>
        </div>
      )}
      {error && <ErrorNote error={error} />}
    </li>
  );
}
