import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import { providerForAddress, type Provider } from '../shared/providers';
import { t } from '../ui/i18n';
import { AccountForm } from './AccountForm';
import { formFromAddress, formFromProvider, type AccountForm as FormValues } from './form-model';
import { ProviderNotes } from './ProviderNotes';

interface Props {
  onSaved: (account: Account) => void;
  onCancel: () => void;
}

/** What the address led to: a provider's settings, a provider without POP, or manual set-up. */
type Step =
  | { kind: 'address' }
  | { kind: 'form'; initial: FormValues; provider: Provider | undefined; proposed: boolean }
  | { kind: 'no-pop'; provider: Provider };

const looksLikeAddress = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());

/**
 * Adding an account starts from the email address: a well-known provider's settings are
 * proposed, with what to do at the provider; any other domain goes to the manual form.
 */
function propose(address: string, password: string): Step {
  const provider = providerForAddress(address);
  if (provider && provider.pop === null) return { kind: 'no-pop', provider };
  if (provider) return { kind: 'form', initial: formFromProvider(address, password, provider), provider, proposed: true };
  // Seam: autoconfiguration through the host (Thunderbird autoconfig, ISPDB, RFC 6186 SRV)
  // plugs in here later; until then an unknown domain gets the manual form.
  return { kind: 'form', initial: formFromAddress(address, password), provider: undefined, proposed: false };
}

export function AddAccount({ onSaved, onCancel }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'address' });
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const next = (event: Event): void => {
    event.preventDefault();
    if (!looksLikeAddress(address)) {
      setProblem(t('add_addressInvalid'));
      return;
    }
    setProblem(undefined);
    setStep(propose(address, password));
  };
  const manual = (): void => setStep({ kind: 'form', initial: formFromAddress(address, password), provider: undefined, proposed: false });

  if (step.kind === 'form') {
    return (
      <>
        {step.provider && <ProviderNotes provider={step.provider} />}
        <AccountForm editing={undefined} initial={step.initial} proposed={step.proposed} onSaved={onSaved} onCancel={onCancel} />
      </>
    );
  }

  return (
    <form class="account-form" noValidate onSubmit={next} aria-labelledby="add-title">
      <h2 id="add-title">{t('form_addTitle')}</h2>
      <p class="hint">{t('add_intro')}</p>
      <div class={problem ? 'field invalid' : 'field'}>
        <label for="add-address">{t('add_address')}</label>
        <input
          id="add-address"
          type="email"
          autocomplete="email"
          spellcheck={false}
          value={address}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? 'add-address-error' : undefined}
          onInput={(event) => setAddress(event.currentTarget.value)}
        />
        {problem && (
          <p id="add-address-error" class="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div class="field">
        <label for="add-password">{t('field_password')}</label>
        <input id="add-password" type="password" autocomplete="new-password" value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
      </div>
      {step.kind === 'no-pop' && (
        <div class="error-note" role="alert">
          <p>
            {t('provider_note_no_pop', step.provider.name)}{' '}
            {step.provider.notes[0]?.help && (
              <a href={step.provider.notes[0].help} target="_blank" rel="noreferrer noopener">
                {t('provider_help')}
              </a>
            )}
          </p>
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="primary">
          {t('add_continue')}
        </button>
        <button type="button" onClick={manual}>
          {t('form_editManually')}
        </button>
      </div>
    </form>
  );
}
