import type { AccountState } from '../account-state';
import type { Account } from '../shared/account';
import { ErrorNote } from '../ui/ErrorNote';
import { relativeTime } from '../ui/format';
import { openOptions, send } from '../ui/messaging';
import { displayText } from '../ui/sanitize';
import { MessageList } from './MessageList';

interface Props {
  account: Account;
  state: AccountState;
  now: number;
}

function checkedText(state: AccountState, now: number, enabled: boolean): string {
  if (!enabled) return 'paused';
  if (state.lastCheckAt === undefined) return 'not checked yet';
  return `checked ${relativeTime(state.lastCheckAt, now)}`;
}

/** One account: its new mail, when it was checked, and what went wrong if it did. */
export function AccountCard({ account, state, now }: Props) {
  const name = displayText(account.name, 100);
  const openClient = (): void => void send({ type: 'open-client', accountId: account.id });

  return (
    <section class="account" aria-label={name}>
      <div class="account-head">
        <h2>
          <button type="button" class="link account-name" title="Open mail" onClick={openClient}>
            {name}
          </button>
        </h2>
        <span class={state.unseenCount > 0 ? 'count new' : 'count'}>{state.unseenCount} new</span>
        <button type="button" class="open" onClick={openClient}>
          Open mail
        </button>
      </div>
      <p class="meta muted">
        {checkedText(state, now, account.enabled)} · {state.count} on the server
      </p>
      {state.error && <ErrorNote error={state.error} onEdit={openOptions} />}
      <MessageList messages={state.unseen} total={state.unseenCount} now={now} />
    </section>
  );
}
