import { useState } from 'preact/hooks';
import type { PauseDuration } from '../ui-messages';
import type { ErrorInfo } from '../shared/errors';
import type { MessageSummary } from '../shared/mail';
import type { Rule } from '../shared/rules';
import { BadgeColors, type Settings } from '../storage/settings';
import { ErrorNote } from '../ui/ErrorNote';
import { weekdayTime } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { send } from '../ui/messaging';
import { describedBy, Field } from './Field';
import { allValid } from './rules-model';
import { RulesEditor } from './RulesEditor';
import { saveGlobalSettings, type GlobalSettings as Globals } from './settings-store';

interface Props {
  settings: Settings;
  now: number;
  /** Every account's current unseen headers, for the rules' live preview. */
  messages: readonly MessageSummary[];
}

/** Notifications for every account: on/off, muted while idle, paused for a while; the badge's colours. */
export function GlobalSettings({ settings, now, messages }: Props) {
  const [error, setError] = useState<ErrorInfo | undefined>();
  /** The rules as edited; saved only by "Save rules", and only when every rule is valid. */
  const [rules, setRules] = useState<Rule[]>(settings.rules);
  const [rulesSaved, setRulesSaved] = useState(false);

  const save = async (change: Globals): Promise<boolean> => {
    const reply = await saveGlobalSettings(change);
    setError(reply.ok ? undefined : reply.error);
    return reply.ok;
  };
  /** Every rule valid: computed once per render, for the button and for saving. */
  const rulesValid = allValid(rules);
  const saveRules = async (): Promise<void> => {
    if (!rulesValid) return;
    setRulesSaved(await save({ rules }));
  };
  const editRules = (next: Rule[]): void => {
    setRules(next);
    setRulesSaved(false);
  };
  const pause = async (duration: PauseDuration): Promise<void> => {
    const reply = await send({ type: 'pause-notifications', duration });
    setError(reply.ok ? undefined : reply.error);
  };
  const pausedUntil = settings.pauseNotificationsUntil;
  const paused = pausedUntil !== undefined && pausedUntil > now;

  return (
    <section aria-labelledby="global-title">
      <h2 id="global-title">{t('global_title')}</h2>
      <div class="field checkbox">
        <input
          id="global-notifications"
          type="checkbox"
          checked={settings.notifications}
          onChange={(event) => void save({ notifications: event.currentTarget.checked })}
        />
        <label for="global-notifications">{t('global_notifications')}</label>
      </div>
      <div class="field checkbox">
        <input
          id="global-idle"
          type="checkbox"
          checked={settings.muteWhenIdle}
          onChange={(event) => void save({ muteWhenIdle: event.currentTarget.checked })}
        />
        <label for="global-idle">{t('global_muteWhenIdle')}</label>
      </div>
      <Field id="global-badgeColors" label={t('badgeColors_label')} hint={t('badgeColors_hint')}>
        <select
          id="global-badgeColors"
          value={settings.badgeColors ?? 'standard'}
          aria-describedby={describedBy('global-badgeColors', true, undefined)}
          onChange={(event) => void save({ badgeColors: BadgeColors.parse(event.currentTarget.value) })}
        >
          {BadgeColors.options.map((scheme) => (
            <option key={scheme} value={scheme}>
              {t(`badgeColors_${scheme.replace('-', '_')}`)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset class="row-actions" aria-labelledby="global-pause-label">
        <span id="global-pause-label">
          {paused ? t('global_pausedUntil', weekdayTime(pausedUntil, uiLanguage())) : t('global_pause')}
        </span>
        <button type="button" onClick={() => void pause('hour')}>
          {t('global_pauseHour')}
        </button>
        <button type="button" onClick={() => void pause('tomorrow')}>
          {t('global_pauseTomorrow')}
        </button>
        {paused && (
          <button type="button" onClick={() => void pause('resume')}>
            {t('global_resume')}
          </button>
        )}
      </fieldset>
      <fieldset class="rules-fieldset">
        <legend>{t('rules_globalLegend')}</legend>
        <p class="hint">{t('rules_globalHint')}</p>
        <RulesEditor idPrefix="global-rule" rules={rules} messages={messages} onChange={editRules} />
        <div class="form-actions">
          <button type="button" class="primary" aria-disabled={!rulesValid} onClick={() => void saveRules()}>
            {t('rules_save')}
          </button>
          {rulesSaved && (
            <span class="ok" role="status">
              {t('options_saved')}
            </span>
          )}
        </div>
      </fieldset>
      {error && <ErrorNote error={error} />}
    </section>
  );
}
