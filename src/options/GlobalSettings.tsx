import { useState } from 'preact/hooks';
import type { PauseDuration } from '../background/messages';
import type { ErrorInfo } from '../shared/errors';
import type { Settings } from '../settings';
import { ErrorNote } from '../ui/ErrorNote';
import { t, uiLanguage } from '../ui/i18n';
import { send } from '../ui/messaging';
import { saveGlobalSettings, type GlobalSettings as Globals } from './settings-store';

interface Props {
  settings: Settings;
  now: number;
}

/** Notifications for every account: on/off, muted while idle, paused for a while. */
export function GlobalSettings({ settings, now }: Props) {
  const [error, setError] = useState<ErrorInfo | undefined>();

  const save = (change: Partial<Globals>): void => {
    saveGlobalSettings(change).then(
      () => setError(undefined),
      () => setError({ code: 'INTERNAL', message: '' }),
    );
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
        <input id="global-notifications" type="checkbox" checked={settings.notifications} onChange={(event) => save({ notifications: event.currentTarget.checked })} />
        <label for="global-notifications">{t('global_notifications')}</label>
      </div>
      <div class="field checkbox">
        <input id="global-idle" type="checkbox" checked={settings.muteWhenIdle} onChange={(event) => save({ muteWhenIdle: event.currentTarget.checked })} />
        <label for="global-idle">{t('global_muteWhenIdle')}</label>
      </div>
      <div class="row-actions" role="group" aria-labelledby="global-pause-label">
        <span id="global-pause-label">
          {paused
            ? t('global_pausedUntil', new Intl.DateTimeFormat(uiLanguage(), { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(pausedUntil))
            : t('global_pause')}
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
      </div>
      {error && <ErrorNote error={error} />}
    </section>
  );
}
