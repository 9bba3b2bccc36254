import type { Provider } from '../shared/providers';
import { t } from '../ui/i18n';

/** What the user must do at the provider before Popbiff can sign in, each with the provider's help page. */
export function ProviderNotes({ provider }: { provider: Provider }) {
  return (
    <div class="provider-notes" role="note" aria-labelledby="provider-notes-title">
      <p id="provider-notes-title" class="provider-name">
        {t('provider_found', provider.name)}
      </p>
      <ul>
        {provider.notes.map((note) => (
          <li key={note.id}>
            {t(`provider_note_${note.id.replaceAll('-', '_')}`, provider.name)}{' '}
            {note.help && (
              <a href={note.help} target="_blank" rel="noreferrer noopener">
                {t('provider_help')}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
