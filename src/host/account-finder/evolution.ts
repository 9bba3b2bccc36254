import { DEFAULT_PORTS, type Security } from '../../shared/server';
import type { FoundAccount } from '../../shared/protocol';
import { type IniGroups, parseIni } from './ini';
import { portOf } from './port';

/**
 * Evolution keeps one GLib key file per source in `~/.config/evolution/sources/`. A mail account
 * is a source with a `[Mail Account]` group; POP3 ones say `BackendName=pop` and carry a
 * `[Pop Backend]` group. Server and user are in `[Authentication]`, the protection in
 * `[Security] Method` (CamelNetworkSecurityMethod's nicks). The address lives in the identity
 * source that `[Mail Account] IdentityUid` names (its file name without `.source`).
 */
const METHODS: Record<string, Security> = {
  none: 'plain',
  'ssl-on-alternate-port': 'tls',
  'starttls-on-standard-port': 'starttls',
};

export interface SourceFile {
  /** The file name without `.source`: Evolution's uid for the source. */
  uid: string;
  text: string;
}

function isPop(groups: IniGroups): boolean {
  const backend = groups.get('Mail Account')?.get('BackendName');
  return backend === 'pop' || (backend === undefined && groups.has('Pop Backend'));
}

export function evolutionAccounts(files: readonly SourceFile[]): FoundAccount[] {
  const sources = new Map(files.map((file) => [file.uid, parseIni(file.text, { escapes: true })]));
  const found: FoundAccount[] = [];
  for (const groups of sources.values()) {
    if (!isPop(groups)) continue;
    const auth = groups.get('Authentication');
    const host = auth?.get('Host') ?? '';
    if (host === '') continue;
    const security = METHODS[groups.get('Security')?.get('Method') ?? 'none'] ?? 'plain';
    const account: FoundAccount = {
      program: 'evolution',
      // The uid is a random name that means nothing to the user; Evolution has one profile.
      profile: '',
      host,
      port: portOf(auth?.get('Port')) ?? DEFAULT_PORTS[security],
      security,
      username: auth?.get('User') ?? '',
    };
    const name = groups.get('Data Source')?.get('DisplayName');
    if (name) account.name = name;
    const identity = sources.get(groups.get('Mail Account')?.get('IdentityUid') ?? '');
    const address = identity?.get('Mail Identity')?.get('Address');
    if (address) account.address = address;
    found.push(account);
  }
  return found;
}
