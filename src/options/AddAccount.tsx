import { useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import type { AutoconfigSource, ResultOf } from '../shared/protocol';
import { domainOf, providerById, providerForAddress, serverInDomain, type Provider } from '../shared/providers';
import { t } from '../ui/i18n';
import { send } from '../ui/messaging';
import { displayText } from '../shared/sanitize';
import { AccountForm } from './AccountForm';
import { formFromAddress, formFromAutoconfig, formFromProvider, type AccountForm as FormValues } from './form-model';
import { ProviderNotes } from './ProviderNotes';

interface Props {
  onSaved: (account: Account) => void;
  onCancel: () => void;
}

/** What the address led to: a provider's settings, a provider without POP, or manual set-up. */
type Step =
  | { kind: 'address' }
  | { kind: 'looking' }
  | {
      kind: 'form';
      initial: FormValues;
      provider: Provider | undefined;
      proposed: boolean;
      source?: AutoconfigSource | undefined;
    }
  | { kind: 'no-pop'; provider: Provider }
  /** Autoconfig or SRV named a server outside the address's domain: shown, used only when confirmed. */
  | { kind: 'confirm-server'; form: Extract<Step, { kind: 'form' }> };

const looksLikeAddress = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());

/**
 * Adding an account starts from the email address: a well-known provider's settings are
 * proposed, with what to do at the provider; any other domain is looked up by the host
 * (Thunderbird autoconfig, ISPDB, RFC 6186 SRV), and what it finds is proposed, editable.
 * Nothing found, or no host: the manual form.
 */
function fromTable(address: string, password: string): Step | undefined {
  const provider = providerForAddress(address);
  if (provider && provider.pop === null) return { kind: 'no-pop', provider };
  if (provider)
    return { kind: 'form', initial: formFromProvider(address, password, provider), provider, proposed: true };
  return undefined;
}

async function lookUp(address: string, password: string): Promise<Step> {
  const reply = await send<ResultOf<'autoconfig'>>({ type: 'autoconfig', address: address.trim() });
  // The reply crossed a message boundary unchecked: anything without servers means "none found".
  const best = reply.ok ? reply.result?.servers?.[0] : undefined;
  if (!reply.ok || best === undefined)
    return {
      kind: 'form',
      initial: formFromAddress(address, password),
      provider: undefined,
      proposed: false,
      source: 'none',
    };
  // A custom domain whose mail a known provider receives (found by its MX host): that
  // provider's notes apply, e.g. that Google Workspace needs OAuth.
  const provider = reply.result.provider === undefined ? undefined : providerById(reply.result.provider);
  const form = {
    kind: 'form' as const,
    initial: formFromAutoconfig(address, password, best),
    provider,
    proposed: true,
    source: reply.result.source,
  };
  return serverInDomain(best.host, address) || fromProviderTable(best.host, provider)
    ? form
    : { kind: 'confirm-server', form };
}

/**
 * A known provider's own server (Popbiff's table, picked by the domain's MX host) needs no
 * confirmation: DNS chose only which of the table's servers, never a name of its own.
 */
const fromProviderTable = (host: string, provider: Provider | undefined): boolean =>
  provider?.pop?.host.toLowerCase() === host.toLowerCase();

/** RFC 6186 §6: a proposed server outside the user's domain is named, with why, and used only on request. */
function ConfirmServer({ address, host, onUse, onManual }: ConfirmProps) {
  return (
    <div class="error-note" role="alert">
      <p>{t('autoconfig_outsideDomain', [displayText(host, 255), displayText(domainOf(address), 255)])}</p>
      <div class="form-actions">
        <button type="button" onClick={onUse}>
          {t('autoconfig_useServer', displayText(host, 255))}
        </button>
        <button type="button" class="primary" onClick={onManual}>
          {t('form_editManually')}
        </button>
      </div>
    </div>
  );
}

interface ConfirmProps {
  address: string;
  host: string;
  onUse: () => void;
  onManual: () => void;
}

export function AddAccount({ onSaved, onCancel }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'address' });
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const next = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (step.kind === 'looking') return;
    if (!looksLikeAddress(address)) {
      setProblem(t('add_addressInvalid'));
      return;
    }
    setProblem(undefined);
    const known = fromTable(address, password);
    if (known) {
      setStep(known);
      return;
    }
    setStep({ kind: 'looking' });
    setStep(await lookUp(address, password));
  };
  const manual = (): void =>
    setStep({ kind: 'form', initial: formFromAddress(address, password), provider: undefined, proposed: false });

  if (step.kind === 'form') {
    return (
      <>
        {step.provider && <ProviderNotes provider={step.provider} />}
        {step.source !== undefined && (
          <p class="hint" role="status">
            {step.source === 'none'
              ? t('autoconfig_none', displayText(address, 320))
              : t('autoconfig_found', t(`autoconfig_source_${step.source.replace('-', '_')}`))}
          </p>
        )}
        <AccountForm
          editing={undefined}
          initial={step.initial}
          proposed={step.proposed}
          onSaved={onSaved}
          onCancel={onCancel}
        />
      </>
    );
  }

  return (
    <form
      class="account-form"
      noValidate
      onSubmit={(event) => void next(event)}
      aria-labelledby="add-title"
      aria-busy={step.kind === 'looking'}
    >
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
        <input
          id="add-password"
          type="password"
          autocomplete="new-password"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
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
      {step.kind === 'confirm-server' && (
        <ConfirmServer
          address={address}
          host={step.form.initial.host}
          onUse={() => setStep(step.form)}
          onManual={manual}
        />
      )}
      {step.kind === 'looking' && (
        <p class="muted" role="status">
          <span class="spinner" aria-hidden="true" /> {t('autoconfig_looking')}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="primary" aria-disabled={step.kind === 'looking'}>
          {t('add_continue')}
        </button>
        <button type="button" onClick={manual}>
          {t('form_editManually')}
        </button>
      </div>
    </form>
  );
}
