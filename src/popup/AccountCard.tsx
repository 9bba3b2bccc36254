import type { AccountState } from '../storage/account-state';
import type { Account } from '../shared/account';
import { accountColour } from '../ui/account-colour';
import { Component } from 'preact';
import type { DeletionOutcome, PendingDeletion } from '../storage/account-state';
import type { CertificateInfo } from '../shared/errors';
import { CertificateReview } from '../ui/CertificateReview';
import { ErrorNote } from '../ui/ErrorNote';
import { clockTime, relativeTime } from '../ui/format';
import type { CheckHold } from '../ui-messages';
import { t, uiLanguage } from '../ui/i18n';
import { openOptions, send } from '../ui/messaging';
import { displayText } from '../shared/sanitize';
import { trustedAuthservIds } from '../shared/trust';
import { plural } from '../ui/plural';
import { MessageList } from './MessageList';

interface Props {
  account: Account;
  state: AccountState;
  now: number;
  checking: boolean;
  /** Set when the last "Check now" was not sent because the server allows no sign-in yet. */
  hold?: CheckHold | undefined;
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

/**
 * The count the server really reported: none before a check has reached the mailbox, and with
 * its own time when the last check failed (a failed check counted nothing).
 */
function onServerText(state: AccountState, now: number): string {
  if (state.lastSuccessAt === undefined) return '';
  const count = plural('popup_onServer', state.count);
  const failedSince = state.lastCheckAt !== undefined && state.lastCheckAt > state.lastSuccessAt;
  if (!failedSince && state.error === undefined) return ` · ${count}`;
  return ` · ${t('popup_onServerSeen', [count, relativeTime(state.lastSuccessAt, now, uiLanguage())])}`;
}

/** One account: its new mail, when it was checked, and what went wrong if it did. */
/** "Not checked: WEB.DE refuses sign-ins more often than every 15 min; next check possible at 14:05." */
function holdText(hold: CheckHold): string {
  const at = clockTime(hold.until, uiLanguage());
  return hold.reason === 'provider'
    ? t('popup_heldProvider', [hold.providerName ?? '', hold.minutes, at])
    : t('popup_heldServer', [hold.minutes, at]);
}

export function AccountCard({ account, state, now, checking, hold, open, rowLimit, onCheck, onToggle }: Props) {
  const name = displayText(account.name, 100);
  const openClient = (): void => void send({ type: 'open-client', accountId: account.id });

  return (
    <section class="account" aria-label={name}>
      <div class="account-head">
        <span class="dot" style={{ background: accountColour(account) }} aria-hidden="true" />
        <h2>
          <button type="button" class="link account-name" title={t('popup_openMail')} onClick={openClient} dir="auto">
            {name}
          </button>
        </h2>
        <span class={state.unseenCount > 0 ? 'count new' : 'count'}>{plural('popup_newCount', state.unseenCount)}</span>
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
        {checkedText(state, now, account.enabled)}
        {onServerText(state, now)}
      </p>
      {hold && now < hold.until && (
        <p class="meta" role="status">
          {holdText(hold)}
        </p>
      )}
      {state.error &&
        (state.error.certificate ? (
          <CertificateError account={account} certificate={state.error.certificate} />
        ) : (
          <ErrorNote error={state.error} onFix={openOptions} />
        ))}
      {state.pendingDeletion && <PendingLine accountId={account.id} pending={state.pendingDeletion} />}
      {!state.pendingDeletion && state.lastDeletion && shownDeletion(state.lastDeletion, now) && (
        <DeletionResult outcome={state.lastDeletion} />
      )}
      <MessageList
        accountId={account.id}
        trustedAuthserv={trustedAuthservIds(account)}
        messages={state.unseen}
        total={state.unseenCount}
        now={now}
        open={open}
        limit={rowLimit}
        onToggle={onToggle}
      />
    </section>
  );
}

/** A deletion's result stays in view this long. */
const RESULT_SHOWN_MS = 5 * 60_000;

/** "Deleting in 8 s" counts down by the second. */
const COUNTDOWN_MS = 1_000;

interface PendingProps {
  accountId: string;
  pending: PendingDeletion;
}

/**
 * "Deleting in 8 s — Undo": the background holds the timer, this only shows it. It keeps its own
 * clock, so each second re-renders this line alone, not the popup around it.
 */
class PendingLine extends Component<PendingProps> {
  private clock: ReturnType<typeof setInterval> | undefined;

  override componentDidMount(): void {
    this.clock = setInterval(() => this.forceUpdate(), COUNTDOWN_MS);
  }

  override componentWillUnmount(): void {
    clearInterval(this.clock);
  }

  override render() {
    const { accountId, pending } = this.props;
    const seconds = Math.max(0, Math.ceil((pending.dueAt - Date.now()) / 1000));
    return (
      <p class="pending-delete" role="status">
        <span>
          {seconds > 0
            ? plural('delete_pending', pending.uids.length, [pending.uids.length, seconds])
            : t('delete_running')}
        </span>
        {seconds > 0 && (
          <button type="button" class="link" onClick={() => void send({ type: 'undo-delete', accountId })}>
            {t('delete_undo')}
          </button>
        )}
      </p>
    );
  }
}

/** A result stays a while; a deletion the server has not confirmed stays until a check settles it. */
function shownDeletion(outcome: DeletionOutcome, now: number): boolean {
  return now - outcome.at < RESULT_SHOWN_MS || (outcome.unconfirmed?.length ?? 0) > 0;
}

function DeletionResult({ outcome }: { outcome: DeletionOutcome }) {
  const unconfirmed = outcome.unconfirmed?.length ?? 0;
  const notDeleted = outcome.notDeleted?.length ?? 0;
  const parts = [
    outcome.deleted.length > 0 ? t('delete_done', String(outcome.deleted.length)) : '',
    outcome.missing.length > 0 ? t('delete_missing', String(outcome.missing.length)) : '',
    outcome.ambiguous.length > 0 ? t('delete_ambiguous', String(outcome.ambiguous.length)) : '',
    unconfirmed > 0 ? t('delete_unconfirmed', String(unconfirmed)) : '',
    notDeleted > 0 ? t('delete_notDeleted', String(notDeleted)) : '',
  ].filter((part) => part !== '');
  if (outcome.error)
    return (
      <>
        <ErrorNote error={outcome.error} />
        {parts.length > 0 && (
          <p class="deleted muted" role="status">
            {parts.join(' · ')}
          </p>
        )}
      </>
    );
  return (
    <p class="deleted muted" role="status">
      {parts.join(' · ')}
    </p>
  );
}

interface CertProps {
  account: Account;
  certificate: CertificateInfo;
}

/** "Certificate not trusted — review": the details in place, and trusting pins it and checks again. */
class CertificateError extends Component<CertProps, { open: boolean; busy: boolean }> {
  override state = { open: false, busy: false };

  private trust = async (): Promise<void> => {
    const { account, certificate } = this.props;
    this.setState({ busy: true });
    await send({
      type: 'save-account',
      account: { ...account, server: { ...account.server, pinnedCertSha256: certificate.sha256 } },
    });
    this.setState({ busy: false });
  };

  override render() {
    const { certificate, account } = this.props;
    return (
      <>
        <ErrorNote
          error={{ code: 'CERT_UNTRUSTED', message: '' }}
          onFix={() => this.setState(({ open }) => ({ open: !open }))}
        />
        {this.state.open && (
          <CertificateReview certificate={certificate} busy={this.state.busy} onTrust={() => void this.trust()} />
        )}
        {account.server.pinnedCertSha256 !== undefined && <p class="muted">{t('cert_pinnedOther')}</p>}
      </>
    );
  }
}
