import { useState } from 'preact/hooks';
import type { AccountState } from '../storage/account-state';
import type { Account } from '../shared/account';
import type { AuthMethod, Security } from '../shared/server';
import type { ErrorInfo } from '../shared/errors';
import type { ResultOf } from '../shared/protocol';
import { ErrorNote } from '../ui/ErrorNote';
import { t } from '../ui/i18n';
import { send } from '../ui/messaging';
import { requestWebmailPermission } from '../ui/webmail-permission';
import { describedBy, Field } from './Field';
import { CommandConfirm } from './CommandConfirm';
import {
  commandChanges,
  emptyForm,
  formFromAccount,
  validate,
  withSecurity,
  type AccountForm as FormValues,
  type CommandChanges,
  type Draft,
  type FormCommand,
  type FieldErrors,
  type FieldName,
} from './form-model';
import { ClientChoice, ColorChoice, FirstCheckChoice, IntervalNote } from './AccountExtras';
import { RulesEditor } from './RulesEditor';
import { localize } from './schema-messages';
import { OAuthSignIn } from './OAuthSignIn';
import { TestReport } from './TestReport';

interface Props {
  /** The account being edited, or undefined to add a new one. */
  editing: Account | undefined;
  /** Values proposed for a new account (from the provider table or the address). */
  initial?: FormValues | undefined;
  /** True when the server settings were proposed: they stay folded until "Edit settings manually". */
  proposed?: boolean | undefined;
  /** Called with the saved account; the page then shows "Saved" and a fresh form. */
  onSaved: (account: Account) => void;
  onCancel: () => void;
  /** The account's current state: its headers preview the rules, its LOGIN-DELAY explains the interval. */
  state?: AccountState | undefined;
}

type SavedDraft = Extract<Draft, { ok: true }>;

type TestStatus =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'done'; result: ResultOf<'test-account'> }
  | { kind: 'failed'; error: ErrorInfo };

const SECURITY_OPTIONS: readonly Security[] = ['tls', 'starttls', 'plain'];
/** The commands the form sets, in the order they are confirmed and sent. */
const PURPOSES: readonly FormCommand[] = ['mailClient', 'onNewMail'];
const AUTH_OPTIONS: readonly AuthMethod[] = [
  'auto',
  'user',
  'apop',
  'plain',
  'login',
  'cram-md5',
  'xoauth2',
  'oauthbearer',
];
/** The server fields: a problem in one of them unfolds the manual settings. */
const SERVER_FIELDS: readonly FieldName[] = [
  'host',
  'port',
  'security',
  'allowPlaintext',
  'username',
  'caFile',
  'auth',
];

type TextField = Exclude<
  FieldName,
  'security' | 'allowPlaintext' | 'auth' | 'notify' | 'opener' | 'firstCheck' | 'color' | 'rules' | 'pin'
>;

/** Add or edit one account; validation is the shared schema's, shown next to each field. */
export function AccountForm({ editing, initial, proposed = false, onSaved, onCancel, state }: Props) {
  const [form, setForm] = useState<FormValues>(() => (editing ? formFromAccount(editing) : (initial ?? emptyForm())));
  const [portChosen, setPortChosen] = useState(editing !== undefined || proposed);
  const [manual, setManual] = useState(!proposed);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<ErrorInfo | undefined>();
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestStatus>({ kind: 'idle' });
  /** A save waiting for the user to confirm the exact argv of each new command, one at a time. */
  const [confirming, setConfirming] = useState<
    { draft: SavedDraft; changes: CommandChanges; queue: { purpose: FormCommand; argv: string[] }[] } | undefined
  >();
  const [id] = useState(() => editing?.id ?? crypto.randomUUID());
  /** A sign-in of a new account: the host keeps its token under `id` until the account is saved. */
  const [signedIn, setSignedIn] = useState(false);

  /** Cancelling a new account that signed in leaves no token behind in the host. */
  const cancel = (): void => {
    if (editing === undefined && signedIn) void send({ type: 'delete-account', accountId: id });
    onCancel();
  };

  const update = (field: TextField, value: string): void => {
    setForm({ ...form, [field]: value });
    if (field === 'port') setPortChosen(true);
  };

  /** Shows the form's problems; true when there are none. */
  const check = (isNew: boolean, values: FormValues = form) => {
    const draft = validate(values, {
      id,
      enabled: editing?.enabled ?? true,
      isNew,
      storedServer: editing?.server,
      signedIn,
    });
    if (draft.ok) {
      setErrors({});
      return draft;
    }
    setErrors(draft.errors);
    if (SERVER_FIELDS.some((field) => draft.errors[field] !== undefined)) setManual(true);
    return undefined;
  };

  /** Tests what the form says now (saved or not); a password left empty means the stored one. */
  const runTest = async (values: FormValues = form): Promise<void> => {
    if (test.kind === 'testing') return;
    const draft = check(false, values);
    if (!draft) return;
    setTest({ kind: 'testing' });
    const reply = await send<ResultOf<'test-account'>>({
      type: 'test-account',
      account: draft.account,
      password: draft.password,
    });
    setTest(reply.ok ? { kind: 'done', result: reply.result } : { kind: 'failed', error: reply.error });
  };

  /** Pins the certificate in the form (saved with it) and tests again, now with the pin. */
  const trust = (sha256: string): void => {
    const next = { ...form, pin: { sha256, host: form.host.trim() } };
    setForm(next);
    setTest({ kind: 'idle' });
    void runTest(next);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    setSaveError(undefined);
    const draft = check(editing === undefined);
    if (!draft) return;
    const changes = commandChanges(editing, draft.account);
    const queue = PURPOSES.flatMap((purpose) => {
      const change = changes[purpose];
      return change.kind === 'set' ? [{ purpose, argv: change.argv }] : [];
    });
    if (queue.length > 0) {
      setConfirming({ draft, changes, queue });
      return;
    }
    await save(draft, changes);
  };

  /** This command is confirmed: the next one is shown, or the save goes ahead after the last. */
  const confirmed = (): void => {
    if (!confirming) return;
    const [, ...rest] = confirming.queue;
    if (rest.length > 0) setConfirming({ ...confirming, queue: rest });
    else void save(confirming.draft, confirming.changes);
  };

  /** Saves the account, then tells the host about its commands (only from this page, confirmed). */
  const save = async (draft: SavedDraft, changes: CommandChanges): Promise<void> => {
    setConfirming(undefined);
    requestWebmailPermission(draft.account.webmailUrl);
    setSaving(true);
    let reply = await send({ type: 'save-account', account: draft.account, password: draft.password });
    for (const purpose of PURPOSES) {
      const change = changes[purpose];
      if (!reply.ok || change.kind === 'none') continue;
      reply = await send({
        type: 'set-command',
        accountId: draft.account.id,
        purpose,
        ...(change.kind === 'set' ? { argv: change.argv } : {}),
      });
    }
    setSaving(false);
    if (!reply.ok) {
      setSaveError(reply.error);
      return;
    }
    onSaved(draft.account);
  };

  const error = (field: FieldName): string | undefined => {
    const message = errors[field];
    return message === undefined ? undefined : localize(message);
  };

  const text = (field: TextField, props: Record<string, string | boolean> = {}, hint?: string) => {
    const id = `account-${field}`;
    return (
      <Field id={id} label={t(`field_${field}`)} error={error(field)} hint={hint}>
        <input
          id={id}
          name={field}
          value={form[field]}
          aria-invalid={errors[field] ? 'true' : undefined}
          aria-describedby={describedBy(id, hint !== undefined, error(field))}
          onInput={(event) => update(field, event.currentTarget.value)}
          {...props}
        />
      </Field>
    );
  };

  return (
    <form class="account-form" noValidate onSubmit={submit} aria-labelledby="account-form-title">
      <h2 id="account-form-title">{editing ? t('form_editTitle', editing.name) : t('form_addTitle')}</h2>
      {text('name', { autocomplete: 'off' })}
      {!manual && (
        <div class="proposal">
          <p>
            {t('form_proposal', [form.host, form.port, t(`security_${form.security}`)])}
            <br />
            <span class="muted">{t('form_proposalUser', form.username)}</span>
          </p>
          <button type="button" onClick={() => setManual(true)}>
            {t('form_editManually')}
          </button>
        </div>
      )}
      {manual && (
        <fieldset class="server">
          <legend>{t('form_serverLegend')}</legend>
          {text('host', { autocomplete: 'off', spellcheck: false, placeholder: 'pop.example.com' })}
          <Field id="account-security" label={t('field_security')} error={error('security')}>
            <select
              id="account-security"
              name="security"
              value={form.security}
              onChange={(event) => setForm(withSecurity(form, event.currentTarget.value as Security, portChosen))}
            >
              {SECURITY_OPTIONS.map((value) => (
                <option key={value} value={value}>
                  {t(`security_option_${value}`)}
                </option>
              ))}
            </select>
          </Field>
          {form.security === 'plain' && (
            <PlaintextConsent
              checked={form.allowPlaintext}
              error={error('allowPlaintext')}
              onChange={(allowPlaintext) => setForm({ ...form, allowPlaintext })}
            />
          )}
          {text('port', { inputMode: 'numeric' })}
          {text('username', { autocomplete: 'username', spellcheck: false })}
          <Field id="account-auth" label={t('field_auth')} error={error('auth')}>
            <select
              id="account-auth"
              name="auth"
              value={form.auth}
              onChange={(event) => setForm({ ...form, auth: event.currentTarget.value as AuthMethod })}
            >
              {AUTH_OPTIONS.map((value) => (
                <option key={value} value={value}>
                  {t(`auth_${value.replace('-', '_')}`)}
                </option>
              ))}
            </select>
          </Field>
          {text('caFile', { spellcheck: false }, t('hint_caFile'))}
        </fieldset>
      )}
      {text(
        'password',
        { type: 'password', autocomplete: editing ? 'current-password' : 'new-password' },
        editing ? t('hint_passwordKeep') : t('hint_passwordHost'),
      )}
      <OAuthSignIn
        accountId={id}
        host={form.host}
        loginHint={form.username}
        onSignedIn={() => {
          setSignedIn(true);
          setForm((current) => ({ ...current, auth: 'xoauth2' }));
        }}
      />
      <div class="form-actions">
        <button
          type="button"
          onClick={() => void runTest()}
          aria-disabled={test.kind === 'testing'}
          aria-busy={test.kind === 'testing'}
        >
          {test.kind === 'testing' && <span class="spinner" aria-hidden="true" />}
          {t('test_run')}
        </button>
        {form.pin !== undefined && <span class="ok">{t('cert_pinned')}</span>}
      </div>
      {test.kind === 'done' && <TestReport result={test.result} onTrust={trust} />}
      {test.kind === 'failed' && <ErrorNote error={test.error} />}
      <ClientChoice
        opener={form.opener}
        command={form.clientCommand}
        error={error('clientCommand')}
        onOpener={(opener) => setForm({ ...form, opener })}
        onCommand={(clientCommand) => setForm({ ...form, clientCommand })}
      />
      {form.opener === 'webmail' && text('webmailUrl', { type: 'url', placeholder: 'https://mail.example.com' })}
      {text(
        'newMailCommand',
        { class: 'mono', spellcheck: false, placeholder: '/usr/local/bin/on-new-mail' },
        t('hint_newMailCommand'),
      )}
      {text('intervalMinutes', { inputMode: 'numeric' })}
      {editing && state && <IntervalNote account={editing} state={state} />}
      <FirstCheckChoice value={form.firstCheck} onChange={(firstCheck) => setForm({ ...form, firstCheck })} />
      <ColorChoice accountId={id} value={form.color} onChange={(color) => setForm({ ...form, color })} />
      <div class="field checkbox">
        <input
          id="account-notify"
          type="checkbox"
          checked={form.notify}
          onChange={(event) => setForm({ ...form, notify: event.currentTarget.checked })}
        />
        <label for="account-notify">{t('field_notify')}</label>
      </div>
      <fieldset class="quiet">
        <legend>{t('form_quietLegend')}</legend>
        <p id="account-quiet-hint" class="hint">
          {t('hint_quiet')}
        </p>
        <div class="quiet-times">
          {text('quietFrom', { type: 'time' })}
          {text('quietTo', { type: 'time' })}
        </div>
      </fieldset>
      <fieldset class="rules-fieldset">
        <legend>{t('rules_accountLegend')}</legend>
        <p class="hint">{t('rules_accountHint')}</p>
        <RulesEditor
          idPrefix="account-rule"
          rules={form.rules}
          messages={state?.unseen ?? []}
          onChange={(rules) => setForm({ ...form, rules })}
        />
        {errors.rules && (
          <p class="field-error" role="alert">
            {t('rules_fixFirst')}
          </p>
        )}
      </fieldset>
      {errors.form && (
        <p class="field-error" role="alert">
          {localize(errors.form)}
        </p>
      )}
      {saveError && <ErrorNote error={saveError} />}
      {confirming?.queue[0] && (
        <CommandConfirm
          key={confirming.queue[0].purpose}
          title={confirming.queue[0].purpose === 'onNewMail' ? t('command_confirmNewMail') : t('command_confirmTitle')}
          argv={confirming.queue[0].argv}
          onConfirm={confirmed}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      <div class="form-actions">
        <button type="submit" class="primary" aria-disabled={saving}>
          {t('form_save')}
        </button>
        <button type="button" onClick={cancel}>
          {t('form_cancel')}
        </button>
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
        {t('form_plaintextWarning')}
      </p>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={error ? `${id}-warning ${id}-error` : `${id}-warning`}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <label for={id}>{t('field_allowPlaintext')}</label>
      {error && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
