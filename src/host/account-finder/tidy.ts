import { domainToASCII } from 'node:url';
import { FoundAccount, MAX_FOUND_ACCOUNTS } from '../../shared/protocol';

const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/** Names and profiles shortened to what the reply allows; an over-long address left out. */
function clipped(account: FoundAccount): FoundAccount {
  const tidy: FoundAccount = { ...account, profile: clip(account.profile, 200) };
  if (account.name !== undefined) tidy.name = clip(account.name, 200);
  if (account.address !== undefined && account.address.length > 320) delete tidy.address;
  return tidy;
}

/** An internationalised server name as DNS spells it (RFC 5891 A-labels); empty when it is not a name. */
function asciiHost(account: FoundAccount): FoundAccount {
  // Anything beyond printable ASCII goes through the IDNA mapping, which also rejects what is no name.
  return /[^ -~]/.test(account.host) ? { ...account, host: domainToASCII(account.host) } : account;
}

/** Each server and user once (the first program wins), within the reply's caps. */
export function tidyAccounts(found: readonly FoundAccount[]): { accounts: FoundAccount[]; capped: boolean } {
  const seen = new Set<string>();
  const accounts: FoundAccount[] = [];
  // The reply's own schema decides what an account can be made of (server name, port, user name).
  for (const each of found) {
    const parsed = FoundAccount.safeParse(clipped(asciiHost(each)));
    if (!parsed.success) continue;
    const account = parsed.data;
    const key = `${account.host.toLowerCase()}\n${account.port}\n${account.username}`;
    if (seen.has(key)) continue;
    seen.add(key);
    accounts.push(account);
  }
  return { accounts: accounts.slice(0, MAX_FOUND_ACCOUNTS), capped: accounts.length > MAX_FOUND_ACCOUNTS };
}
