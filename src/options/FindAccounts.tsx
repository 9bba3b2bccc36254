import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import type { ErrorInfo } from '../shared/errors';
import type { FoundAccount, ResultOf } from '../shared/protocol';
import { ErrorNote } from '../ui/ErrorNote';
import { t } from '../ui/i18n';
import { send } from '../ui/messaging';
import { choicesOf } from './found-model';
import { FoundList } from './FoundList';

interface Props {
  /** The accounts Popbiff has: found ones among them are marked, not offered. */
  accounts: Account[];
  /** The user chose these; each goes through the add-account form. */
  onChosen: (chosen: FoundAccount[]) => void;
}

type Search =
  | { kind: 'idle' }
  | { kind: 'looking' }
  | { kind: 'found'; result: ResultOf<'find-accounts'> }
  | { kind: 'failed'; error: ErrorInfo };

/** "Find my accounts in my mail programs": the host reads them only when this button is pressed. */
export function FindAccounts({ accounts, onChosen }: Props) {
  const [search, setSearch] = useState<Search>({ kind: 'idle' });
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());

  const find = async (): Promise<void> => {
    if (search.kind === 'looking') return;
    setSearch({ kind: 'looking' });
    setChosen(new Set());
    const reply = await send<ResultOf<'find-accounts'>>({ type: 'find-accounts' });
    setSearch(reply.ok ? { kind: 'found', result: reply.result } : { kind: 'failed', error: reply.error });
  };
  const toggle = (index: number, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(index);
    else next.delete(index);
    setChosen(next);
  };

  const choices = search.kind === 'found' ? choicesOf(search.result.accounts, accounts) : [];
  const setUp = (): void => {
    const picked = choices.filter((choice, index) => chosen.has(index) && !choice.known);
    if (picked.length > 0) onChosen(picked.map((choice) => choice.found));
  };

  return (
    <div class="finder" aria-busy={search.kind === 'looking'}>
      <button type="button" onClick={() => void find()} aria-disabled={search.kind === 'looking'}>
        {t('finder_button')}
      </button>
      {search.kind === 'looking' && (
        <p class="muted" role="status">
          <span class="spinner" aria-hidden="true" /> {t('finder_looking')}
        </p>
      )}
      {search.kind === 'failed' && <ErrorNote error={search.error} />}
      {search.kind === 'found' && (
        <FoundList
          choices={choices}
          result={search.result}
          chosen={chosen}
          onToggle={toggle}
          onSetUp={setUp}
          onClose={() => setSearch({ kind: 'idle' })}
        />
      )}
    </div>
  );
}
