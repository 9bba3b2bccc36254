import type { FoundAccount } from '../../shared/protocol';
import { DEFAULT_PORTS, type Security } from '../../shared/server';
import { parseIni } from './ini';
import { portOf } from './port';
import type { PrefValue } from './prefs-js';

/** One profile listed in profiles.ini: its name and its folder (absolute, or relative to the ini). */
export interface MozillaProfile {
  name: string;
  path: string;
  relative: boolean;
}

/**
 * Every `[ProfileN]` of a Mozilla profiles.ini. `IsRelative=1` paths use `/` on every OS
 * (Windows included); absolute ones are the OS's own.
 */
export function parseProfilesIni(text: string): MozillaProfile[] {
  const profiles: MozillaProfile[] = [];
  for (const [group, keys] of parseIni(text)) {
    const path = keys.get('Path');
    if (!/^Profile\d+$/.test(group) || !path) continue;
    profiles.push({ name: keys.get('Name') || path, path, relative: keys.get('IsRelative') !== '0' });
  }
  return profiles;
}

/**
 * `mail.server.serverN.socketType` (nsMsgSocketType): 0 plain, 1 "STARTTLS if available"
 * (retired, treated as the STARTTLS it asked for), 2 STARTTLS, 3 TLS. Absent means 0.
 */
const SOCKET_TYPES: Record<number, Security> = { 0: 'plain', 1: 'starttls', 2: 'starttls', 3: 'tls' };

const text = (value: PrefValue | undefined): string => (typeof value === 'string' ? value : '');

/**
 * The server keys behind the accounts Thunderbird lists in `mail.accountmanager.accounts`, or
 * every server when the list is missing; and for each, the e-mail address of its first identity.
 */
function serversInUse(prefs: ReadonlyMap<string, PrefValue>): Map<string, string> {
  const listed = text(prefs.get('mail.accountmanager.accounts'));
  const accounts = listed === '' ? undefined : listed.split(',').map((id) => id.trim());
  const servers = new Map<string, string>();
  for (const [key, value] of prefs) {
    const match = /^mail\.account\.([^.]+)\.server$/.exec(key);
    if (!match?.[1] || typeof value !== 'string') continue;
    if (accounts && !accounts.includes(match[1])) continue;
    const identity =
      text(prefs.get(`mail.account.${match[1]}.identities`))
        .split(',')[0]
        ?.trim() ?? '';
    servers.set(value, text(prefs.get(`mail.identity.${identity}.useremail`)));
  }
  return servers;
}

/** The POP3 accounts in one profile's prefs; IMAP, news, RSS and local folders are skipped. */
export function thunderbirdAccounts(prefs: ReadonlyMap<string, PrefValue>, profile: string): FoundAccount[] {
  const inUse = serversInUse(prefs);
  const found: FoundAccount[] = [];
  for (const [key, value] of prefs) {
    const server = /^mail\.server\.([^.]+)\.type$/.exec(key)?.[1];
    if (!server || value !== 'pop3') continue;
    if (inUse.size > 0 && !inUse.has(server)) continue;
    const pref = (name: string) => prefs.get(`mail.server.${server}.${name}`);
    // "real" names are what the user changed the server to after creating the account.
    const host = text(pref('realhostname')) || text(pref('hostname'));
    if (host === '') continue;
    const socketType = pref('socketType');
    const security = SOCKET_TYPES[typeof socketType === 'number' ? socketType : 0] ?? 'plain';
    const account: FoundAccount = {
      program: 'thunderbird',
      profile,
      host,
      // The default port follows the protection (RFC 8314 §3.3: 995 for implicit TLS).
      port: portOf(pref('port')) ?? DEFAULT_PORTS[security],
      security,
      username: text(pref('realuserName')) || text(pref('userName')),
    };
    const name = text(pref('name'));
    if (name) account.name = name;
    const address = inUse.get(server);
    if (address) account.address = address;
    found.push(account);
  }
  return found;
}
