import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import { t } from '../ui/i18n';
import { useExtensionData, useNow } from '../ui/use-extension-data';
import { AccountForm } from './AccountForm';
import { AccountList } from './AccountList';
import { AddAccount } from './AddAccount';
import { GlobalSettings } from './GlobalSettings';
import { HELP_HASH, inAccountForm, isHelpTarget } from './help-topics';
import { HelpPage } from './HelpPage';
import { HostPanel } from './HostPanel';
import { ImportExport } from './ImportExport';
import { readWithSchemas } from './read-settings';
import { useLocationHash } from './use-location-hash';

/** Which form is open below the list: none, the address-first "add", or one account's edit. */
type Editor = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; account: Account };

/** Scrolls to a help link's target and focuses it when it is a control (a heading is only shown). */
function reveal(id: string): void {
  const target = document.getElementById(id) ?? document.getElementById('add-address');
  target?.scrollIntoView({ block: 'center' });
  if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) target.focus();
}

/**
 * The options page: host status, the accounts, adding or editing one, global settings, files;
 * or, at #about, the help page. A help link names a control: the page opens the form holding it
 * (the first account's, or the add-account form when there is none yet) and focuses it.
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
    open({ kind: 'none' });
    setSavedName(account.name);
  };
  const close = (): void => open({ kind: 'none' });
  const accounts = data.status === 'ready' ? data.settings.accounts : [];
  const [hash, clearHash] = useLocationHash();
  // A help link's target waits here until the form that holds it has rendered.
  const [pending, setPending] = useState<string | undefined>();
  const first = accounts[0];

  useEffect(() => {
    if (data.status !== 'ready' || !isHelpTarget(hash)) return;
    if (inAccountForm(hash) && first) open({ kind: 'edit', account: first });
    else if (hash !== 'host-title') open({ kind: 'add' });
    setPending(hash);
    // The same link works again after the form is closed.
    clearHash();
  }, [hash, data.status]);
  useEffect(() => {
    if (pending === undefined) return;
    reveal(pending);
    setPending(undefined);
  }, [pending]);

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
      </section>
      {editor.kind === 'add' && <AddAccount key={formKey} onSaved={onSaved} onCancel={close} />}
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
