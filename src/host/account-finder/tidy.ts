import { domainToASCII } from 'node:url';
import { type FoundAccount, MAX_FOUND_ACCOUNTS } from '../../shared/protocol';

/** The server names Popbiff's account schema accepts (src/shared/account.ts). */
const HOST = /^[A-Za-z0-9.:[\]-]{1,253}$/;
const LINE_BREAK = /[\r\n\0]/;

const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/** Only what an account can be made of: a usable server name, a one-line user name of sane length. */
function usable(account: FoundAccount): boolean {
  return HOST.test(account.host) && account.username.length <= 200 && !LINE_BREAK.test(account.username);
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
  for (const account of found.map(asciiHost).filter(usable)) {
    const key = `${account.host.toLowerCase()}\n${account.port}\n${account.username}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const tidy: FoundAccount = { ...account, profile: clip(account.profile, 200) };
    if (account.name !== undefined) tidy.name = clip(account.name, 200);
    if (account.address !== undefined && account.address.length > 320) delete tidy.address;
    accounts.push(tidy);
  }
  return { accounts: accounts.slice(0, MAX_FOUND_ACCOUNTS), capped: accounts.length > MAX_FOUND_ACCOUNTS };
}
