import type { ErrorInfo } from '../shared/errors';
import { ErrorNote } from '../ui/ErrorNote';
import { t } from '../ui/i18n';
import { openOptions, send } from '../ui/messaging';

interface Props {
  unseenTotal: number;
  /** The account whose client "Open mail" opens (the first one); none hides the button. */
  defaultAccountId: string | undefined;
  busy: boolean;
  error: ErrorInfo | undefined;
  onCheck: () => void;
  onDismiss: () => void;
}

/** Title and the popup-wide actions: check every account, dismiss all, open mail, settings. */
export function Header({ unseenTotal, defaultAccountId, busy, error, onCheck, onDismiss }: Props) {
  const openMail = (): void => {
    if (defaultAccountId !== undefined) void send({ type: 'open-client', accountId: defaultAccountId });
  };
  return (
    <header>
      <div class="bar">
        <h1>Popbiff</h1>
        {/* aria-disabled keeps the button focusable while busy; the popup ignores presses then. */}
        <button type="button" class="primary" aria-disabled={busy} aria-busy={busy} onClick={onCheck}>
          {busy && <span class="spinner" aria-hidden="true" />}
          {t('popup_checkNow')}
        </button>
        <button type="button" onClick={onDismiss} disabled={unseenTotal === 0}>
          {t('popup_dismissAll')}
        </button>
        {defaultAccountId !== undefined && (
          <button type="button" onClick={openMail}>
            {t('popup_openMail')}
          </button>
        )}
        <button
          type="button"
          class="icon"
          onClick={openOptions}
          aria-label={t('popup_settings')}
          title={t('popup_settings')}
        >
          <span aria-hidden="true">⚙</span>
        </button>
      </div>
      {error && <ErrorNote error={error} onFix={openOptions} />}
    </header>
  );
}
