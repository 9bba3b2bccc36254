import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import { useExtensionData } from '../ui/use-extension-data';
import { AccountForm } from './AccountForm';
import { AccountList } from './AccountList';
import { HostPanel } from './HostPanel';
import { readWithSchemas } from './read-settings';

/** The options page: host status, the accounts, and the form to add or edit one. */
export function OptionsPage() {
  const data = useExtensionData(readWithSchemas);
  const [editing, setEditing] = useState<Account | undefined>();
  // A new key remounts the form: the simplest complete reset after saving or switching account.
  const [formKey, setFormKey] = useState(0);
  const [savedName, setSavedName] = useState<string | undefined>();

  const startEdit = (account: Account | undefined): void => {
    setEditing(account);
    setSavedName(undefined);
    setFormKey((key) => key + 1);
  };

  const onSaved = (account: Account): void => {
    startEdit(undefined);
    setSavedName(account.name);
  };

  return (
    <main>
      <h1>Popbiff settings</h1>
      <HostPanel />
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        {data.status === 'broken' && (
          <p class="field-error" role="alert">
            The stored settings cannot be read; saving an account replaces them.
          </p>
        )}
        {data.status === 'ready' && <AccountList accounts={data.settings.accounts} onEdit={startEdit} />}
      </section>
      {savedName !== undefined && (
        <p class="saved" role="status">
          Saved
        </p>
      )}
      <AccountForm key={formKey} editing={editing} onSaved={onSaved} onCancel={() => startEdit(undefined)} />
    </main>
  );
}
