import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import type { FoundAccount } from '../shared/protocol';
import { t } from '../ui/i18n';
import { useExtensionData, useNow } from '../ui/use-extension-data';
import { AccountForm } from './AccountForm';
import { AccountList } from './AccountList';
import { AddAccount } from './AddAccount';
import { FindAccounts } from './FindAccounts';
import { FoundSetup } from './FoundSetup';
import { GlobalSettings } from './GlobalSettings';
import { HELP_HASH } from './help-topics';
import { HelpPage } from './HelpPage';
import { HostPanel } from './HostPanel';
import { ImportExport } from './ImportExport';
import { readWithSchemas } from './read-settings';
import { useHelpLink } from './use-help-link';

/**
 * Which form is open below the list: none, the address-first "add", one account's edit, or the
 * accounts chosen from the mail programs, one after the other.
 */
type Editor =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'edit'; account: Account }
  | { kind: 'found'; queue: FoundAccount[]; index: number };

/**
 * The options page: host status, the accounts, adding or editing one, global settings, files;
 * or, at #about, the help page (its links lead back to the settings through useHelpLink).
 */
export function OptionsPage() {
  const data = useExtensionData(readWithSchemas);
  const now = useNow();
  const [editor, setEditor] = useState<Editor>({ kind: 'none' });
  // A new key remounts the form: the simplest complete reset after saving or switching account.
  const [formKey, setFormKey] = useState(0);
  const [savedName, setSavedName] = useState<string | undefined>();

  const open = (next: Editor): void => {
    setEditor(next);
    setSavedName(undefined);
    setFormKey((key) => key + 1);
  };
  const onSaved = (account: Account): void => {
    const more = editor.kind === 'found' && editor.index + 1 < editor.queue.length;
    open(more ? { ...editor, index: editor.index + 1 } : { kind: 'none' });
    setSavedName(account.name);
  };
  const close = (): void => open({ kind: 'none' });
  const accounts = data.status === 'ready' ? data.settings.accounts : [];
  const hash = useHelpLink({
    ready: data.status === 'ready',
    first: accounts[0],
    edit: (account) => open({ kind: 'edit', account }),
    add: () => open({ kind: 'add' }),
  });

  if (hash === HELP_HASH) return <HelpPage />;
  return (
    <main>
      <h1>{t('options_heading')}</h1>
      <nav>
        <a href={`#${HELP_HASH}`}>{t('help_title')}</a>
      </nav>
      <HostPanel />
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('accounts_title')}</h2>
        {data.status === 'broken' && (
          <p class="field-error" role="alert">
            {t('options_settingsBroken')}
          </p>
        )}
        {data.status === 'ready' && (
          <AccountList accounts={accounts} onEdit={(account) => open({ kind: 'edit', account })} />
        )}
        {savedName !== undefined && (
          <p class="saved" role="status">
            {t('options_saved')}
          </p>
        )}
        {editor.kind === 'none' && (
          <button type="button" class="primary" onClick={() => open({ kind: 'add' })}>
            {t('accounts_add')}
          </button>
        )}
        {editor.kind === 'none' && data.status === 'ready' && (
          <FindAccounts accounts={accounts} onChosen={(queue) => open({ kind: 'found', queue, index: 0 })} />
        )}
      </section>
      {editor.kind === 'add' && <AddAccount key={formKey} onSaved={onSaved} onCancel={close} />}
      {editor.kind === 'found' && (
        <FoundSetup key={formKey} queue={editor.queue} index={editor.index} onSaved={onSaved} onCancel={close} />
      )}
      {editor.kind === 'edit' && (
        <AccountForm
          key={formKey}
          editing={editor.account}
          state={data.status === 'ready' ? data.state.accounts[editor.account.id] : undefined}
          onSaved={onSaved}
          onCancel={close}
        />
      )}
      {data.status === 'ready' && (
        <GlobalSettings
          settings={data.settings}
          now={now}
          messages={Object.values(data.state.accounts).flatMap((s) => s.unseen)}
        />
      )}
      {data.status === 'ready' && <ImportExport settings={data.settings} />}
    </main>
  );
}
