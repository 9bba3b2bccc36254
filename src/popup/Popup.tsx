import { openOptions } from '../ui/messaging';
import { NO_ACCOUNT_STATE, readShallow } from '../ui/stored-data';
import { useExtensionData, useNow } from '../ui/use-extension-data';
import { AccountCard } from './AccountCard';
import { Header } from './Header';

/** The toolbar popup: what is new in each account, straight from storage, kept live. */
export function Popup() {
  const data = useExtensionData(readShallow);
  const now = useNow();

  if (data.status === 'loading') return <Header unseenTotal={0} />;
  if (data.status === 'broken') {
    return (
      <>
        <Header unseenTotal={0} />
        <p class="empty">The stored settings cannot be read. Open the settings to check your accounts.</p>
      </>
    );
  }

  const { accounts } = data.settings;
  const stateOf = (id: string) => data.state.accounts[id] ?? NO_ACCOUNT_STATE;
  const unseenTotal = accounts.reduce((sum, account) => sum + stateOf(account.id).unseenCount, 0);

  return (
    <>
      <Header unseenTotal={unseenTotal} />
      <main>
        {accounts.length === 0 && (
          <div class="empty">
            <p>Popbiff shows here when POP3 mail arrives.</p>
            <button type="button" class="primary" onClick={openOptions}>
              Add your first account
            </button>
          </div>
        )}
        {accounts.length > 0 && unseenTotal === 0 && <p class="empty">No new mail</p>}
        {accounts.map((account) => (
          <AccountCard key={account.id} account={account} state={stateOf(account.id)} now={now} />
        ))}
      </main>
    </>
  );
}
