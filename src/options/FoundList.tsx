import type { ResultOf } from '../shared/protocol';
import { t, uiLanguage } from '../ui/i18n';
import { displayText } from '../shared/sanitize';
import { MAIL_PROGRAM_NAMES } from '../shared/mail-programs';
import type { FoundChoice } from './found-model';

interface ListProps {
  choices: FoundChoice[];
  result: ResultOf<'find-accounts'>;
  chosen: ReadonlySet<number>;
  onToggle: (index: number, on: boolean) => void;
  onSetUp: () => void;
  onClose: () => void;
}

function programList(result: ResultOf<'find-accounts'>): string {
  const names = result.programs.map((program) => MAIL_PROGRAM_NAMES[program]);
  return new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(names);
}

/** The finder's answer: one checkbox per account, those Popbiff has marked and not offered. */
export function FoundList({ choices, result, chosen, onToggle, onSetUp, onClose }: ListProps) {
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
  const program = MAIL_PROGRAM_NAMES[found.program];
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
