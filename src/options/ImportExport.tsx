import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import type { ErrorInfo } from '../shared/errors';
import type { Settings } from '../storage/settings';
import { ErrorNote } from '../ui/ErrorNote';
import { t } from '../ui/i18n';
import { send } from '../ui/messaging';
import { displayText } from '../ui/sanitize';
import { exportSettings, importSettings } from './settings-file';
import { saveGlobalSettings } from './settings-store';

interface Props {
  settings: Settings;
}

type Outcome =
  | { kind: 'idle' }
  | { kind: 'refused'; problem: string }
  | { kind: 'imported'; accounts: Account[]; withoutCommands: string[] }
  | { kind: 'failed'; error: ErrorInfo };

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'popbiff-settings.json';
  link.click();
  URL.revokeObjectURL(url);
}

/** Every account goes through the background like a saved form; none has a password yet. */
async function apply(settings: Settings, withoutCommands: string[]): Promise<Outcome> {
  // Every global setting the file holds comes along; a pause is a moment's choice, not a setting to carry.
  const { version: _version, accounts, pauseNotificationsUntil: _pause, ...global } = settings;
  const saved = await saveGlobalSettings(global);
  if (!saved.ok) return { kind: 'failed', error: saved.error };
  for (const account of accounts) {
    const reply = await send({ type: 'save-account', account });
    if (!reply.ok) return { kind: 'failed', error: reply.error };
  }
  return { kind: 'imported', accounts, withoutCommands };
}

/** Settings to and from a JSON file. Passwords are never in it: imported accounts ask for them. */
export function ImportExport({ settings }: Props) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const onFile = async (event: Event): Promise<void> => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const result = importSettings(await file.text());
    setOutcome(
      result.ok
        ? await apply(result.settings, result.withoutCommands).catch(
            () => ({ kind: 'failed', error: { code: 'INTERNAL', message: '' } }) as const,
          )
        : { kind: 'refused', problem: result.problem },
    );
  };

  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('transfer_title')}</h2>
      <p class="hint">{t('transfer_intro')}</p>
      <div class="row-actions">
        <button type="button" onClick={() => download(exportSettings(settings))}>
          {t('transfer_export')}
        </button>
        <label class="file-button">
          {t('transfer_import')}
          <input type="file" accept="application/json,.json" onChange={(event) => void onFile(event)} />
        </label>
      </div>
      {outcome.kind === 'refused' && (
        <p class="field-error" role="alert">
          {t('transfer_refused', displayText(outcome.problem, 500))}
        </p>
      )}
      {outcome.kind === 'failed' && <ErrorNote error={outcome.error} />}
      {outcome.kind === 'imported' && <PasswordsAgain accounts={outcome.accounts} />}
      {outcome.kind === 'imported' && outcome.withoutCommands.length > 0 && (
        <p class="hint" role="status">
          {t('transfer_commandsLeftOut', displayText(outcome.withoutCommands.join(', '), 500))}
        </p>
      )}
    </section>
  );
}

/** After an import: one password field per account, since the file carries none. */
function PasswordsAgain({ accounts }: { accounts: Account[] }) {
  return (
    <div role="status">
      <p>{t('transfer_imported', String(accounts.length))}</p>
      {accounts.length > 0 && <p class="hint">{t('transfer_passwords')}</p>}
      <ul class="account-list">
        {accounts.map((account) => (
          <PasswordRow key={account.id} account={account} />
        ))}
      </ul>
    </div>
  );
}

function PasswordRow({ account }: { account: Account }) {
  const [password, setPassword] = useState('');
  const [state, setState] = useState<'typing' | 'saved' | ErrorInfo>('typing');
  const id = `import-password-${account.id}`;
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (password === '') return;
    const reply = await send({ type: 'save-account', account, password });
    setState(reply.ok ? 'saved' : reply.error);
  };
  return (
    <li class="account-row">
      <form class="inline-form" onSubmit={save}>
        <label for={id}>{t('transfer_passwordFor', displayText(account.name, 100))}</label>
        <input
          id={id}
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <button type="submit">{t('form_save')}</button>
        {state === 'saved' && <span class="ok">{t('options_saved')}</span>}
      </form>
      {typeof state === 'object' && <ErrorNote error={state} />}
    </li>
  );
}
