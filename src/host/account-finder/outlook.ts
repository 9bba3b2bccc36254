import { DEFAULT_PORTS, type Security } from '../../shared/server';
import type { FoundAccount } from '../../shared/protocol';
import { portOf } from './port';
import { type RegKey, regNumber, regText } from './reg-query';

/**
 * Outlook keeps its mail profiles in the registry: one key per profile below `Profiles`, and
 * below each, in the subkey `9375CFF0413111d3B88A00104B2A6676` (the account manager's), one
 * numbered subkey per account. A POP3 account has the values `POP3 Server`, `POP3 Port` (DWORD),
 * `POP3 Use SSL` (DWORD, 1 = TLS from the start: Outlook offers no STARTTLS for POP3) and
 * `POP3 User`; strings are REG_BINARY UTF-16LE, so non-ASCII names survive whatever code page
 * `reg.exe` prints in. `POP3 Password` is never read.
 */
export const OUTLOOK_PROFILE_ROOTS = [
  // Outlook 2016, 2019, 2021 and Microsoft 365.
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles',
  // Outlook 2013.
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles',
  // Outlook 2010 and older.
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles',
] as const;

const ACCOUNT_MANAGER = '9375cff0413111d3b88a00104b2a6676';

/** The only values read; `reg` prints every value of the key, its password among them. */
export const OUTLOOK_VALUES: ReadonlySet<string> = new Set([
  'Account Name',
  'Email',
  'POP3 Server',
  'POP3 Port',
  'POP3 Use SSL',
  'POP3 User',
  'POP3 User Name',
]);

/**
 * The argv of the one `reg.exe` run per root: every subkey and value below it. One run instead of
 * one per profile, so a profile name never has to pass back through the console's code page.
 */
export function outlookQuery(root: string): string[] {
  return ['query', root, '/s'];
}

/** `ROOT\<profile>\9375CFF…\<account>` → the profile, for account keys only. */
function profileOf(path: string, root: string): string | undefined {
  if (!path.toLowerCase().startsWith(`${root.toLowerCase()}\\`)) return undefined;
  const [profile, manager, account, ...deeper] = path.slice(root.length + 1).split('\\');
  if (!profile || manager?.toLowerCase() !== ACCOUNT_MANAGER || !account || deeper.length > 0) return undefined;
  return profile;
}

/** The profiles below `root` that have an account manager key. */
export function outlookProfiles(keys: readonly RegKey[], root: string): string[] {
  return [...new Set(keys.flatMap((key) => profileOf(key.path, root) ?? []))];
}

/** The POP3 accounts in the given profiles; IMAP, Exchange and others have no `POP3 Server`. */
export function outlookAccounts(keys: readonly RegKey[], root: string, profiles: readonly string[]): FoundAccount[] {
  const found: FoundAccount[] = [];
  for (const { path, values } of keys) {
    const profile = profileOf(path, root);
    const host = regText(values.get('POP3 Server')).trim();
    if (profile === undefined || !profiles.includes(profile) || host === '') continue;
    const security: Security = regNumber(values.get('POP3 Use SSL')) === 1 ? 'tls' : 'plain';
    const account: FoundAccount = {
      program: 'outlook',
      profile,
      host,
      port: portOf(regNumber(values.get('POP3 Port'))) ?? DEFAULT_PORTS[security],
      security,
      username: regText(values.get('POP3 User')) || regText(values.get('POP3 User Name')),
    };
    const name = regText(values.get('Account Name'));
    if (name) account.name = name;
    const address = regText(values.get('Email'));
    if (address) account.address = address;
    found.push(account);
  }
  return found;
}
