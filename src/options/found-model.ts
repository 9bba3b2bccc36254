import type { Account } from '../shared/account';
import type { FoundAccount } from '../shared/protocol';
import { type Provider, providerForAddress } from '../shared/providers';
import { formFromAutoconfig, type AccountForm } from './form-model';

/**
 * What the options page makes of the accounts the host found in the user's mail programs: which
 * of them Popbiff already has, and the add-account form each chosen one starts from. Pure.
 */

export interface FoundChoice {
  found: FoundAccount;
  /** Popbiff already checks this mailbox: shown, never offered again. */
  known: boolean;
}

/** The same mailbox: server names compare without case (DNS), user names exactly (servers may not). */
export function sameMailbox(found: FoundAccount, account: Account): boolean {
  const { server } = account;
  return (
    server.host.toLowerCase() === found.host.toLowerCase() &&
    server.port === found.port &&
    server.username === found.username
  );
}

export function choicesOf(found: readonly FoundAccount[], accounts: readonly Account[]): FoundChoice[] {
  return found.map((account) => ({ found: account, known: accounts.some((a) => sameMailbox(account, a)) }));
}

/** The address the account belongs to: the program's, or a user name that is one. */
function addressOf(found: FoundAccount): string | undefined {
  if (found.address) return found.address;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(found.username) ? found.username : undefined;
}

/** The provider whose notes apply (app passwords, OAuth, enabling POP), when the address tells. */
export function providerOfFound(found: FoundAccount): Provider | undefined {
  const address = addressOf(found);
  return address === undefined ? undefined : providerForAddress(address);
}

/**
 * The add-account form for a found account: its server as the program has it, and no password
 * (the user types it, or signs in). Clear text still needs the user's own tick in the form.
 */
export function formFromFound(found: FoundAccount): AccountForm {
  const address = addressOf(found) ?? '';
  return {
    ...formFromAutoconfig(address, '', found),
    name: found.name || address || found.username,
    webmailUrl: providerOfFound(found)?.webmailUrl ?? '',
  };
}
