import type { AccountState } from '../storage/account-state';
import { intervalPlan } from '../shared/check-interval';
import { AccountColor, type Account } from '../shared/account';
import { FirstCheck } from '../shared/server';
import { ACCOUNT_COLOURS, derivedColour } from '../ui/account-colour';
import { t } from '../ui/i18n';
import { plural } from '../ui/plural';
import { describedBy, Field } from './Field';

/** Smaller parts of the account form, each one setting with its explanation. */

interface ClientProps {
  opener: 'webmail' | 'desktop';
  command: string;
  error: string | undefined;
  onOpener: (opener: 'webmail' | 'desktop') => void;
  onCommand: (command: string) => void;
}

/** "Open mail" opens the webmail, or a desktop program the host starts (argv, never a shell). */
export function ClientChoice({ opener, command, error, onOpener, onCommand }: ClientProps) {
  const id = 'account-clientCommand';
  return (
    <fieldset class="client">
      <legend>{t('client_legend')}</legend>
      <div class="field checkbox">
        <input
          id="account-opener-webmail"
          type="radio"
          name="opener"
          checked={opener === 'webmail'}
          onChange={() => onOpener('webmail')}
        />
        <label for="account-opener-webmail">{t('client_webmail')}</label>
      </div>
      <div class="field checkbox">
        <input
          id="account-opener-desktop"
          type="radio"
          name="opener"
          checked={opener === 'desktop'}
          onChange={() => onOpener('desktop')}
        />
        <label for="account-opener-desktop">{t('client_desktop')}</label>
      </div>
      {opener === 'desktop' && (
        <Field id={id} label={t('client_command')} hint={t('client_commandHint')} error={error}>
          <input
            id={id}
            class="mono"
            spellcheck={false}
            placeholder="thunderbird -mail"
            value={command}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(id, true, error)}
            onInput={(event) => onCommand(event.currentTarget.value)}
          />
        </Field>
      )}
    </fieldset>
  );
}

/** For mail that stays on the server: does the first check count what is already there? */
export function FirstCheckChoice({ value, onChange }: { value: FirstCheck; onChange: (value: FirstCheck) => void }) {
  const id = 'account-firstCheck';
  return (
    <Field id={id} label={t('firstCheck_label')} hint={t('firstCheck_hint')}>
      <select
        id={id}
        value={value}
        aria-describedby={describedBy(id, true, undefined)}
        onChange={(event) => onChange(FirstCheck.parse(event.currentTarget.value))}
      >
        {FirstCheck.options.map((option) => (
          <option key={option} value={option}>
            {t(`firstCheck_${option.replace('-', '_')}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

interface ColorProps {
  accountId: string;
  value: AccountColor | 'auto';
  onChange: (value: AccountColor | 'auto') => void;
}

/** The account's dot colour: one of the palette, or `auto` (derived from the id, shown as it will look). */
export function ColorChoice({ accountId, value, onChange }: ColorProps) {
  const choices: readonly (AccountColor | 'auto')[] = ['auto', ...AccountColor.options];
  return (
    <fieldset class="colors">
      <legend>{t('color_legend')}</legend>
      {choices.map((choice) => {
        const id = `account-color-${choice}`;
        return (
          <div key={choice} class="field checkbox">
            <input id={id} type="radio" name="color" checked={value === choice} onChange={() => onChange(choice)} />
            <label for={id}>
              <span
                class="dot"
                style={{ background: choice === 'auto' ? derivedColour(accountId) : ACCOUNT_COLOURS[choice] }}
                aria-hidden="true"
              />
              {t(`color_${choice}`)}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * Says why the interval is longer than asked: the server's LOGIN-DELAY (RFC 2449 §6.5) or the
 * provider's known minimum raised it.
 */
export function IntervalNote({ account, state }: { account: Account; state: AccountState }) {
  const plan = intervalPlan(account, state);
  if (plan.reason === 'user') return null;
  const [period, asked] = [String(plan.periodMinutes), String(account.intervalMinutes)];
  return (
    <p class="hint" role="note">
      {plan.reason === 'login-delay'
        ? plural('interval_raised', plan.periodMinutes, [plan.periodMinutes, account.intervalMinutes])
        : t('interval_provider', [period, asked, plan.providerName ?? ''])}
    </p>
  );
}
