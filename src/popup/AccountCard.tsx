import type { AccountState } from '../account-state';
import type { Account } from '../shared/account';
import { accountColour } from '../ui/account-colour';
import { ErrorNote } from '../ui/ErrorNote';
import { numberFormat, relativeTime } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { openOptions, send } from '../ui/messaging';
import { displayText } from '../ui/sanitize';
import { MessageList } from './MessageList';

interface Props {
  account: Account;
  state: AccountState;
  now: number;
  checking: boolean;
  /** The open quick preview ("accountId/uid"), if any. */
  open: string | undefined;
  /** How many message rows to render (all but the first few wait for the first paint). */
  rowLimit: number;
  onCheck: () => void;
  onToggle: (key: string) => void;
}

function checkedText(state: AccountState, now: number, enabled: boolean): string {
  if (!enabled) return t('popup_paused');
  if (state.lastCheckAt === undefined) return t('popup_notCheckedYet');
  return t('popup_checkedAgo', relativeTime(state.lastCheckAt, now, uiLanguage()));
}

/** One account: its new mail, when it was checked, and what went wrong if it did. */
export function AccountCard({ account, state, now, checking, open, rowLimit, onCheck, onToggle }: Props) {
  const name = displayText(account.name, 100);
  const openClient = (): void => void send({ type: 'open-client', accountId: account.id });
  const count = numberFormat(uiLanguage()).format(state.unseenCount);

  return (
    <section class="account" aria-label={name}>
      <div class="account-head">
        <span class="dot" style={{ background: accountColour(account.id) }} aria-hidden="true" />
        <h2>
          <button type="button" class="link account-name" title={t('popup_openMail')} onClick={openClient}>
            {name}
          </button>
        </h2>
        <span class={state.unseenCount > 0 ? 'count new' : 'count'}>{t('popup_newCount', count)}</span>
        <button
          type="button"
          class="icon small"
          aria-label={t('popup_checkAccount', name)}
          title={t('popup_checkNow')}
          aria-disabled={checking}
          aria-busy={checking}
          onClick={onCheck}
        >
          {checking ? <span class="spinner" aria-hidden="true" /> : <span aria-hidden="true">↻</span>}
        </button>
      </div>
      <p class="meta muted">
        {checkedText(state, now, account.enabled)} · {t('popup_onServer', numberFormat(uiLanguage()).format(state.count))}
      </p>
      {state.error && <ErrorNote error={state.error} onFix={openOptions} />}
      <MessageList accountId={account.id} messages={state.unseen} total={state.unseenCount} now={now} open={open} limit={rowLimit} onToggle={onToggle} />
    </section>
  );
}
