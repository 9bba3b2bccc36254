import { Component } from 'preact';
import type { ErrorInfo } from '../shared/errors';
import { t } from '../ui/i18n';
import { openOptions, send } from '../ui/messaging';
import { NO_ACCOUNT_STATE, readShallow, type ExtensionData } from '../ui/stored-data';
import { watchExtensionData } from '../ui/watch-extension-data';
import { AccountCard } from './AccountCard';
import { Header } from './Header';

interface State {
  data: ExtensionData;
  now: number;
  /** Accounts whose "Check now" is pending (their cards spin). */
  checking: ReadonlySet<string>;
  /** The last action that failed before reaching any account (the host missing, say). */
  error: ErrorInfo | undefined;
  /** The one open quick preview, as "accountId/uid". */
  open: string | undefined;
  /** Rows rendered per account: a screenful first, every row right after the first paint. */
  rowLimit: number;
}

export const FIRST_RENDER_MARK = 'popbiff:first-render';
export const ALL_ROWS_MARK = 'popbiff:all-rows';

/**
 * The popup shows about a dozen rows at once. Rendering hundreds before the first paint made it
 * open slowly (measured: bench/ui-results.md), so the first commit renders this many per account
 * and the rest follow once that frame is painted.
 */
const FIRST_ROWS = 12;

/** "2 minutes ago" must not go stale while the popup stays open. */
const CLOCK_MS = 30_000;
/** "Deleting in 8 s" counts down by the second. */
const COUNTDOWN_MS = 1_000;

/**
 * The toolbar popup: what is new in each account, straight from storage, kept live. The one
 * stateful component (a class, so the popup needs no preact/hooks: its budget is 12 KB gzip);
 * everything below it renders what it is given.
 */
export class Popup extends Component<object, State> {
  override state: State = { data: { status: 'loading' }, now: Date.now(), checking: new Set(), error: undefined, open: undefined, rowLimit: FIRST_ROWS };
  private stopWatching: (() => void) | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;

  override componentDidMount(): void {
    // The clock moves with the data too: a countdown that just arrived starts from now, not the last tick.
    this.stopWatching = watchExtensionData(readShallow, (data) => this.setState({ data, now: Date.now() }));
    this.clock = setInterval(() => this.tick(), COUNTDOWN_MS);
  }

  /** The budget bench measures navigation start to this mark: the first commit with stored data. */
  override componentDidUpdate(_props: object, previous: State): void {
    if (previous.rowLimit !== this.state.rowLimit) performance.mark(ALL_ROWS_MARK);
    if (previous.data.status !== 'loading' || this.state.data.status === 'loading') return;
    performance.mark(FIRST_RENDER_MARK);
    // After the frame with the first rows is painted, render all of them.
    requestAnimationFrame(() => setTimeout(() => this.setState({ rowLimit: Number.POSITIVE_INFINITY })));
  }

  override componentWillUnmount(): void {
    this.stopWatching?.();
    clearInterval(this.clock);
  }

  /** Re-renders every second only while a deletion counts down; otherwise every CLOCK_MS. */
  private tick(): void {
    const now = Date.now();
    const { data } = this.state;
    const counting = data.status === 'ready' && Object.values(data.state.accounts).some((s) => s.pendingDeletion !== undefined);
    if (counting || now - this.state.now >= CLOCK_MS) this.setState({ now });
  }

  private accountIds(): string[] {
    const { data } = this.state;
    return data.status === 'ready' ? data.settings.accounts.map((account) => account.id) : [];
  }

  /** Checks one account, or all; a second press while pending would only queue a duplicate. */
  checkNow = async (accountId?: string): Promise<void> => {
    const ids = accountId === undefined ? this.accountIds() : [accountId];
    if (ids.length === 0 || ids.some((id) => this.state.checking.has(id))) return;
    this.setState(({ checking }) => ({ checking: new Set([...checking, ...ids]), error: undefined }));
    const reply = await send(accountId === undefined ? { type: 'check-now' } : { type: 'check-now', accountId });
    this.setState(({ checking }) => ({ checking: new Set([...checking].filter((id) => !ids.includes(id))), error: reply.ok ? undefined : reply.error }));
  };

  dismiss = async (): Promise<void> => {
    const reply = await send({ type: 'dismiss' });
    this.setState({ error: reply.ok ? undefined : reply.error });
  };

  toggle = (key: string): void => this.setState(({ open }) => ({ open: open === key ? undefined : key }));

  override render() {
    const { data, now, checking, error, open, rowLimit } = this.state;
    const accounts = data.status === 'ready' ? data.settings.accounts : [];
    const stateOf = (id: string) => (data.status === 'ready' && data.state.accounts[id]) || NO_ACCOUNT_STATE;
    const unseenTotal = accounts.reduce((sum, account) => sum + stateOf(account.id).unseenCount, 0);
    const header = (
      <Header unseenTotal={unseenTotal} defaultAccountId={accounts[0]?.id} busy={checking.size > 0} error={error} onCheck={() => void this.checkNow()} onDismiss={() => void this.dismiss()} />
    );

    if (data.status !== 'ready') {
      return (
        <>
          {header}
          {data.status === 'broken' && <p class="empty">{t('popup_settingsBroken')}</p>}
        </>
      );
    }
    return (
      <>
        {header}
        <main>
          {accounts.length === 0 && (
            <div class="empty">
              <p>{t('popup_emptyIntro')}</p>
              <button type="button" class="primary" onClick={openOptions}>
                {t('popup_addFirstAccount')}
              </button>
            </div>
          )}
          {accounts.length > 0 && unseenTotal === 0 && <p class="empty">{t('popup_noNewMail')}</p>}
          {accounts.map((account) => (
            <AccountCard
              key={account.id}
              account={account}
              state={stateOf(account.id)}
              now={now}
              checking={checking.has(account.id)}
              open={open}
              rowLimit={rowLimit}
              onCheck={() => void this.checkNow(account.id)}
              onToggle={this.toggle}
            />
          ))}
        </main>
      </>
    );
  }
}
