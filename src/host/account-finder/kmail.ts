import type { Security } from '../../shared/server';
import type { FoundAccount } from '../../shared/protocol';
import { parseIni } from './ini';
import { portOf } from './port';

/**
 * KMail fetches POP3 mail through Akonadi's POP3 resource; each instance keeps a KConfig file
 * `akonadi_pop3_resource_<n>rc` in the config folder, with `[General]` keys from the resource's
 * `pop3resource.kcfg`: `host`, `port` (default 110), `login`, `useSSL` (implicit TLS) and
 * `useTLS` (STARTTLS). Only POP3 resources have such files, so there is no IMAP to skip here.
 */
export function kmailAccount(text: string): FoundAccount | undefined {
  const general = parseIni(text, { escapes: true }).get('General');
  const host = general?.get('host') ?? '';
  if (!general || host === '') return undefined;
  const security: Security =
    general.get('useSSL') === 'true' ? 'tls' : general.get('useTLS') === 'true' ? 'starttls' : 'plain';
  return {
    program: 'kmail',
    // KMail has no profiles; the resource's id (akonadi_pop3_resource_0) means nothing to the user.
    profile: '',
    host,
    port: portOf(general.get('port')) ?? 110,
    security,
    username: general.get('login') ?? '',
  };
}
