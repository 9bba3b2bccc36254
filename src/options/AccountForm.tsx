import { useState } from 'preact/hooks';
import type { Account, Security } from '../shared/account';
import type { ErrorInfo } from '../shared/errors';
import { ErrorNote } from '../ui/ErrorNote';
import { send } from '../ui/messaging';
import { describedBy, Field } from './Field';
import {
  emptyForm,
  formFromAccount,
  validate,
  withSecurity,
  type AccountForm as FormValues,
  type FieldErrors,
  type FieldName,
} from './form-model';

interface Props {
  /** The account being edited, or undefined to add a new one. */
  editing: Account | undefined;
  /** Called with the saved account; the page then shows "Saved" and a fresh form. */
  onSaved: (account: Account) => void;
  onCancel: () => void;
}

const SECURITY_OPTIONS: { value: Security; label: string }[] = [
  { value: 'tls', label: 'TLS (recommended)' },
  { value: 'starttls', label: 'STARTTLS' },
  { value: 'plain', label: 'None — clear text' },
];

type TextField = Exclude<FieldName, 'security' | 'allowPlaintext'>;

/** Add or edit one account; validation is the shared schema's, shown next to each field. */
export function AccountForm({ editing, onSaved, onCancel }: Props) {
  const [form, setForm] = useState<FormValues>(() => (editing ? formFromAccount(editing) : emptyForm()));
  const [portChosen, setPortChosen] = useState(editing !== undefined);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<ErrorInfo | undefined>();
  const [saving, setSaving] = useState(false);

  const update = (field: TextField, value: string): void => {
    setForm({ ...form, [field]: value });
    if (field === 'port') setPortChosen(true);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    const draft = validate(form, {
      id: editing?.id ?? crypto.randomUUID(),
      enabled: editing?.enabled ?? true,
      isNew: editing === undefined,
    });
    setSaveError(undefined);
    if (!draft.ok) {
      setErrors(draft.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    const reply = await send({ type: 'save-account', account: draft.account, password: draft.password });
    setSaving(false);
    if (!reply.ok) {
      setSaveError(reply.error);
      return;
    }
    onSaved(draft.account);
  };

  const text = (field: TextField, label: string, props: Record<string, string | boolean> = {}, hint?: string) => {
    const id = `account-${field}`;
    return (
      <Field id={id} label={label} error={errors[field]} hint={hint}>
        <input
          id={id}
          name={field}
          value={form[field]}
          aria-invalid={errors[field] ? 'true' : undefined}
          aria-describedby={describedBy(id, hint !== undefined, errors[field])}
          onInput={(event) => update(field, event.currentTarget.value)}
          {...props}
        />
      </Field>
    );
  };

  return (
    <form class="account-form" noValidate onSubmit={submit} aria-labelledby="account-form-title">
      <h2 id="account-form-title">{editing ? `Edit ${editing.name}` : 'Add account'}</h2>
      {text('name', 'Account name', { autocomplete: 'off' })}
      {text('host', 'Email server', { autocomplete: 'off', spellcheck: false, placeholder: 'pop.example.com' })}
      <Field id="account-security" label="Security" error={errors.security}>
        <select
          id="account-security"
          name="security"
          value={form.security}
          onChange={(event) => {
            setForm(withSecurity(form, event.currentTarget.value as Security, portChosen));
          }}
        >
          {SECURITY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      {form.security === 'plain' && (
        <PlaintextConsent
          checked={form.allowPlaintext}
          error={errors.allowPlaintext}
          onChange={(allowPlaintext) => setForm({ ...form, allowPlaintext })}
        />
      )}
      {text('port', 'Port', { inputMode: 'numeric' })}
      {text('username', 'User name', { autocomplete: 'username', spellcheck: false })}
      {text(
        'password',
        'Password',
        { type: 'password', autocomplete: editing ? 'current-password' : 'new-password' },
        editing ? 'Leave empty to keep the stored password.' : 'Kept by the Popbiff host on this computer, never in the browser.',
      )}
      {text('webmailUrl', 'Webmail address', { type: 'url', placeholder: 'https://mail.example.com' })}
      {text('intervalMinutes', 'Check every (minutes)', { inputMode: 'numeric' })}
      {text(
        'caFile',
        'CA certificate file (optional)',
        { spellcheck: false },
        'For a self-hosted server: the full path of its CA certificate (PEM) on this computer.',
      )}
      {errors.form && (
        <p class="field-error" role="alert">
          {errors.form}
        </p>
      )}
      {saveError && <ErrorNote error={saveError} />}
      <div class="form-actions">
        <button type="submit" class="primary" aria-disabled={saving}>
          Save account
        </button>
        {editing && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

interface ConsentProps {
  checked: boolean;
  error: string | undefined;
  onChange: (checked: boolean) => void;
}

/** Clear text needs the user's explicit, informed consent, per account. */
function PlaintextConsent({ checked, error, onChange }: ConsentProps) {
  const id = 'account-allowPlaintext';
  return (
    <div class={error ? 'field checkbox invalid' : 'field checkbox'}>
      <p id={`${id}-warning`} class="warning">
        Without encryption your password and mail travel unprotected: anyone on the network can read them.
      </p>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={error ? `${id}-warning ${id}-error` : `${id}-warning`}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <label for={id}>Allow clear text</label>
      {error && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
