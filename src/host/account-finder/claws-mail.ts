import { DEFAULT_PORTS, type Security } from '../../shared/server';
import type { FoundAccount } from '../../shared/protocol';
import { parseIni } from './ini';
import { portOf } from './port';

/**
 * Claws Mail's `accountrc`: one `[Account: N]` group per account (keys from `prefs_account.c`).
 * `protocol` is the RecvProtocol enum: 0 POP3, 1 the old separate APOP entry, 3 IMAP, 4 news,
 * 5 local, 6 none. `ssl_pop` is 0 none, 1 TLS from the start, 2 STARTTLS. The port is `pop_port`
 * only when `set_popport` is 1; otherwise the default for the protection.
 */
const POP_PROTOCOLS = new Set(['0', '1']);
const SSL_POP: Record<string, Security> = { '0': 'plain', '1': 'tls', '2': 'starttls' };

export function clawsAccounts(text: string): FoundAccount[] {
  const found: FoundAccount[] = [];
  for (const [group, keys] of parseIni(text)) {
    if (!group.startsWith('Account:') || !POP_PROTOCOLS.has(keys.get('protocol') ?? '0')) continue;
    const host = keys.get('receive_server') ?? '';
    if (host === '') continue;
    const security = SSL_POP[keys.get('ssl_pop') ?? '0'] ?? 'plain';
    const chosenPort = keys.get('set_popport') === '1' ? portOf(keys.get('pop_port')) : undefined;
    const account: FoundAccount = {
      program: 'claws-mail',
      profile: '',
      host,
      port: chosenPort ?? DEFAULT_PORTS[security],
      security,
      username: keys.get('user_id') ?? '',
    };
    const name = keys.get('account_name');
    if (name) account.name = name;
    const address = keys.get('address');
    if (address) account.address = address;
    found.push(account);
  }
  return found;
}
