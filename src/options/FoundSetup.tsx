import type { Account } from '../shared/account';
import type { FoundAccount } from '../shared/protocol';
import { t } from '../ui/i18n';
import { displayText } from '../shared/sanitize';
import { AccountForm } from './AccountForm';
import { MAIL_PROGRAM_NAMES } from '../shared/mail-programs';
import { formFromFound, providerOfFound } from './found-model';
import { ProviderNotes } from './ProviderNotes';

interface Props {
  /** The accounts the user chose in the finder's list, in order. */
  queue: FoundAccount[];
  /** Which of them is being set up now. */
  index: number;
  onSaved: (account: Account) => void;
  onCancel: () => void;
}

/**
 * One chosen account at a time through the ordinary add-account form, with its server proposed
 * and the provider's notes; the user enters the password or signs in. Saving moves to the next.
 */
export function FoundSetup({ queue, index, onSaved, onCancel }: Props) {
  const found = queue[index];
  if (found === undefined) return null;
  const provider = providerOfFound(found);
  return (
    <div class="found-setup">
      <p class="found-step" role="status">
        {t('finder_step', [
          String(index + 1),
          String(queue.length),
          displayText(found.name || found.username, 200),
          MAIL_PROGRAM_NAMES[found.program],
        ])}
      </p>
      {provider && <ProviderNotes provider={provider} />}
      <AccountForm editing={undefined} initial={formFromFound(found)} proposed onSaved={onSaved} onCancel={onCancel} />
    </div>
  );
}
