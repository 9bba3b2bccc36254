import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import type { ErrorInfo } from '../shared/errors';
import type { FoundAccount, ResultOf } from '../shared/protocol';
import { ErrorNote } from '../ui/ErrorNote';
import { t, uiLanguage } from '../ui/i18n';
import { send } from '../ui/messaging';
import { displayText } from '../ui/sanitize';
import { choicesOf, type FoundChoice, PROGRAM_NAMES } from './found-model';

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

interface ListProps {
  choices: FoundChoice[];
  result: ResultOf<'find-accounts'>;
  chosen: ReadonlySet<number>;
  onToggle: (index: number, on: boolean) => void;
  onSetUp: () => void;
  onClose: () => void;
}

function programList(result: ResultOf<'find-accounts'>): string {
  const names = result.programs.map((program) => PROGRAM_NAMES[program]);
  return new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(names);
}

function FoundList({ choices, result, chosen, onToggle, onSetUp, onClose }: ListProps) {
  const empty = result.programs.length === 0 ? t('finder_noPrograms') : t('finder_none', programList(result));
  return (
    <fieldset class="found-accounts">
      <legend>{t('finder_title')}</legend>
      <p class="hint">{t('finder_noPasswords')}</p>
      {choices.length === 0 && <p role="status">{empty}</p>}
      {choices.length > 0 && (
        <ul class="found-list">
          {choices.map((choice, index) => (
            <FoundRow
              key={`${choice.found.host}:${choice.found.port}:${choice.found.username}`}
              choice={choice}
              id={`found-${index}`}
              checked={chosen.has(index)}
              onToggle={(on) => onToggle(index, on)}
            />
          ))}
        </ul>
      )}
      {result.capped && <p class="muted">{t('finder_capped')}</p>}
      <div class="form-actions">
        {choices.some((choice) => !choice.known) && (
          <button type="button" class="primary" onClick={onSetUp} aria-disabled={chosen.size === 0}>
            {t('finder_setUp')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('finder_close')}
        </button>
      </div>
    </fieldset>
  );
}

interface RowProps {
  choice: FoundChoice;
  id: string;
  checked: boolean;
  onToggle: (on: boolean) => void;
}

function FoundRow({ choice: { found, known }, id, checked, onToggle }: RowProps) {
  const program = PROGRAM_NAMES[found.program];
  // The user name is in the summary already: the title is only what the program adds to it.
  const title = found.name || found.address;
  const from = found.profile
    ? t('finder_fromProfile', [program, displayText(found.profile, 200)])
    : t('finder_from', program);
  return (
    <li class={known ? 'found-row known' : 'found-row'}>
      <input
        id={id}
        type="checkbox"
        checked={checked && !known}
        disabled={known}
        aria-describedby={`${id}-from`}
        onChange={(event) => onToggle(event.currentTarget.checked)}
      />
      <label for={id}>
        {title && (
          <>
            <strong>{displayText(title, 200)}</strong>{' '}
          </>
        )}
        <span>
          {t('finder_summary', [
            displayText(found.username),
            displayText(found.host),
            String(found.port),
            t(`security_${found.security}`),
          ])}
        </span>
      </label>
      <span id={`${id}-from`} class="muted">
        {from}
        {known && ` · ${t('finder_known')}`}
      </span>
    </li>
  );
}
