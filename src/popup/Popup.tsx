import { Component } from 'preact';
import { FIRST_ROWS } from '../storage/glance';
import type { ErrorInfo } from '../shared/errors';
import { t } from '../ui/i18n';
import { openOptions, send } from '../ui/messaging';
import { EMPTY_ACCOUNT_STATE } from '../storage/empty-state';
import { readGlance, readShallow, type ExtensionData } from '../ui/stored-data';
import { afterNextPaint, watchExtensionData } from '../ui/watch-extension-data';
import { AccountCard } from './AccountCard';
import { Header } from './Header';
import type { CheckHold, UiResults } from '../ui-messages';

interface State {
  data: ExtensionData;
  now: number;
  /** Accounts whose "Check now" is pending (their cards spin). */
  checking: ReadonlySet<string>;
  /** Accounts whose last "Check now" was not sent: their server allows no sign-in yet. */
  held: ReadonlyMap<string, CheckHold>;
  /** The last action that failed before reaching any account (the host missing, say). */
  error: ErrorInfo | undefined;
  /** The one open quick preview, as "accountId/uid". */
  open: string | undefined;
  /** `data` holds every kept row, not only the glance's first screen. */
  complete: boolean;
  /** The first screen with data is painted: every row may follow. */
  painted: boolean;
}

export const FIRST_RENDER_MARK = 'popbiff:first-render';
export const ALL_ROWS_MARK = 'popbiff:all-rows';

/** "2 minutes ago" must not go stale while the popup stays open. */
const CLOCK_MS = 30_000;

/**
 * The toolbar popup: what is new in each account, straight from storage, kept live. The one
 * stateful component (a class, so the popup needs no preact/hooks: its budget is 12 KB gzip);
 * everything below it renders what it is given.
 */
export class Popup extends Component<object, State> {
  override state: State = {
    data: { status: 'loading' },
    now: Date.now(),
    checking: new Set(),
    held: new Map(),
    error: undefined,
    open: undefined,
    complete: false,
    painted: false,
  };
  private stopWatching: (() => void) | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;

  override componentDidMount(): void {
    // The clock moves with the data too: a countdown that just arrived starts from now, not the last tick.
    // The first screen comes from the small glance; the full state follows once it is painted.
    this.stopWatching = watchExtensionData(
      readShallow,
      (data, complete) => this.setState({ data, complete, now: Date.now() }),
      readGlance,
    );
    // A deletion's countdown keeps its own second-by-second clock (AccountCard's PendingLine).
    this.clock = setInterval(() => this.setState({ now: Date.now() }), CLOCK_MS);
  }

  /** The budget bench measures navigation start to this mark: the first commit with stored data. */
  override componentDidUpdate(_props: object, previous: State): void {
    if (rowLimit(previous) !== rowLimit(this.state)) performance.mark(ALL_ROWS_MARK);
    if (previous.data.status !== 'loading' || this.state.data.status === 'loading') return;
    performance.mark(FIRST_RENDER_MARK);
    afterNextPaint(() => this.setState({ painted: true }));
  }

  override componentWillUnmount(): void {
    this.stopWatching?.();
    clearInterval(this.clock);
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
    const reply = await send<UiResults['check-now']>(
      accountId === undefined ? { type: 'check-now' } : { type: 'check-now', accountId },
    );
    this.setState(({ checking, held }) => ({
      checking: new Set([...checking].filter((id) => !ids.includes(id))),
      held: new Map([
        ...[...held].filter(([id]) => !ids.includes(id)),
        ...(reply.ok ? reply.result.held.map((hold): [string, CheckHold] => [hold.accountId, hold]) : []),
      ]),
      error: reply.ok ? undefined : reply.error,
    }));
  };

  dismiss = async (): Promise<void> => {
    const reply = await send({ type: 'dismiss' });
    this.setState({ error: reply.ok ? undefined : reply.error });
  };

  toggle = (key: string): void => this.setState(({ open }) => ({ open: open === key ? undefined : key }));

  override render() {
    const { data, now, checking, held, error, open } = this.state;
    const accounts = data.status === 'ready' ? data.settings.accounts : [];
    const stateOf = (id: string) => (data.status === 'ready' && data.state.accounts[id]) || EMPTY_ACCOUNT_STATE;
    const unseenTotal = accounts.reduce((sum, account) => sum + stateOf(account.id).unseenCount, 0);
    const header = (
      <Header
        unseenTotal={unseenTotal}
        defaultAccountId={accounts[0]?.id}
        busy={checking.size > 0}
        error={error}
        onCheck={() => void this.checkNow()}
        onDismiss={() => void this.dismiss()}
      />
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
              hold={held.get(account.id)}
              open={open}
              rowLimit={rowLimit(this.state)}
              onCheck={() => void this.checkNow(account.id)}
              onToggle={this.toggle}
            />
          ))}
        </main>
      </>
    );
  }
}

/** A screenful of rows per account until the first screen is painted and every row is read; then all of them. */
function rowLimit({ complete, painted }: State): number {
  return complete && painted ? Number.POSITIVE_INFINITY : FIRST_ROWS;
}
