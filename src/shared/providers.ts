import type { Security } from './account';

/**
 * Well-known mail providers: what to fill in when someone types their address, and what they
 * must do at the provider first. Pure data; the UI translates each note by its id
 * (`provider_note_<id>` in _locales) and links to `help`. Checked for each provider by hand
 * against its help pages; a domain not here goes to manual set-up (later: autoconfig via the host).
 */

export type ProviderNoteId = 'enable-pop' | 'app-password' | 'recent-mode' | 'oauth-required' | 'no-pop';

export interface ProviderNote {
  id: ProviderNoteId;
  /** The provider's own page about it. */
  help?: string;
}

export interface Provider {
  id: string;
  name: string;
  /** Lower-case domains whose addresses this provider serves. */
  domains: readonly string[];
  /** How to reach its POP3 server, or null when it offers none. */
  pop: { host: string; port: number; security: Security } | null;
  /** What goes in the user-name field. */
  username: 'address' | 'local-part';
  webmailUrl: string;
  notes: readonly ProviderNote[];
}

const TLS = (host: string) => ({ host, port: 995, security: 'tls' as const });

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'gmail',
    name: 'Gmail',
    domains: ['gmail.com', 'googlemail.com'],
    pop: TLS('pop.gmail.com'),
    username: 'address',
    webmailUrl: 'https://mail.google.com/',
    notes: [
      { id: 'enable-pop', help: 'https://support.google.com/mail/answer/7104828' },
      { id: 'app-password', help: 'https://support.google.com/accounts/answer/185833' },
      // Gmail hides a message from other POP clients once one has downloaded it (FIELD-NOTES).
      { id: 'recent-mode', help: 'https://support.google.com/mail/answer/47948' },
    ],
  },
  {
    id: 'outlook',
    name: 'Outlook.com',
    domains: [
      'outlook.com',
      'hotmail.com',
      'live.com',
      'msn.com',
      'hotmail.co.uk',
      'hotmail.de',
      'hotmail.es',
      'outlook.de',
      'outlook.es',
      'live.de',
    ],
    pop: TLS('outlook.office365.com'),
    username: 'address',
    webmailUrl: 'https://outlook.live.com/mail/',
    notes: [
      {
        id: 'enable-pop',
        help: 'https://support.microsoft.com/office/pop-imap-and-smtp-settings-for-outlook-com-d088b986-291d-42b8-9564-9c414e2aa040',
      },
      // Microsoft retired password sign-in for POP (2022 for Microsoft 365, 2024 for Outlook.com).
      {
        id: 'oauth-required',
        help: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online',
      },
    ],
  },
  {
    // Work and school accounts use their organisation's domain: chosen by hand, never by domain.
    id: 'microsoft365',
    name: 'Microsoft 365',
    domains: [],
    pop: TLS('outlook.office365.com'),
    username: 'address',
    webmailUrl: 'https://outlook.office.com/mail/',
    notes: [
      {
        id: 'enable-pop',
        help: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/pop3-and-imap4/enable-or-disable-pop3-or-imap4-access',
      },
      {
        id: 'oauth-required',
        help: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online',
      },
    ],
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    domains: [
      'yahoo.com',
      'yahoo.co.uk',
      'yahoo.de',
      'yahoo.fr',
      'yahoo.es',
      'yahoo.it',
      'ymail.com',
      'rocketmail.com',
    ],
    pop: TLS('pop.mail.yahoo.com'),
    username: 'address',
    webmailUrl: 'https://mail.yahoo.com/',
    notes: [{ id: 'app-password', help: 'https://help.yahoo.com/kb/SLN15241.html' }],
  },
  {
    id: 'gmx',
    name: 'GMX',
    domains: ['gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch'],
    pop: TLS('pop.gmx.net'),
    username: 'address',
    webmailUrl: 'https://www.gmx.net/',
    notes: [
      { id: 'enable-pop', help: 'https://hilfe.gmx.net/pop-imap/einschalten.html' },
      { id: 'app-password', help: 'https://hilfe.gmx.net/sicherheit/2fa/anwendungsspezifisches-passwort.html' },
    ],
  },
  {
    id: 'gmx-com',
    name: 'GMX',
    domains: ['gmx.com', 'gmx.us', 'gmx.co.uk'],
    pop: TLS('pop.gmx.com'),
    username: 'address',
    webmailUrl: 'https://www.gmx.com/',
    notes: [{ id: 'enable-pop', help: 'https://support.gmx.com/pop-imap/toggle.html' }],
  },
  {
    id: 'webde',
    name: 'WEB.DE',
    domains: ['web.de'],
    pop: TLS('pop3.web.de'),
    username: 'address',
    webmailUrl: 'https://web.de/',
    notes: [
      { id: 'enable-pop', help: 'https://hilfe.web.de/pop-imap/einschalten.html' },
      { id: 'app-password', help: 'https://hilfe.web.de/sicherheit/2fa/anwendungsspezifisches-passwort.html' },
    ],
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm', 'fastmail.net', 'fastmail.org', 'fastmail.de', 'messagingengine.com'],
    pop: TLS('pop.fastmail.com'),
    username: 'address',
    webmailUrl: 'https://app.fastmail.com/',
    notes: [{ id: 'app-password', help: 'https://www.fastmail.help/hc/en-us/articles/360058752854' }],
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com'],
    pop: TLS('pop.zoho.com'),
    username: 'address',
    webmailUrl: 'https://mail.zoho.com/',
    notes: [
      { id: 'enable-pop', help: 'https://www.zoho.com/mail/help/pop-access.html' },
      { id: 'app-password', help: 'https://www.zoho.com/mail/help/adminconsole/two-factor-authentication.html' },
    ],
  },
  {
    id: 'zoho-eu',
    name: 'Zoho Mail (EU)',
    domains: ['zoho.eu', 'zohomail.eu'],
    pop: TLS('pop.zoho.eu'),
    username: 'address',
    webmailUrl: 'https://mail.zoho.eu/',
    notes: [{ id: 'enable-pop', help: 'https://www.zoho.com/mail/help/pop-access.html' }],
  },
  {
    id: 'mailru',
    name: 'Mail.ru',
    domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'internet.ru'],
    pop: TLS('pop.mail.ru'),
    username: 'address',
    webmailUrl: 'https://e.mail.ru/',
    notes: [{ id: 'app-password', help: 'https://help.mail.ru/mail/security/protection/external' }],
  },
  {
    id: 'yandex',
    name: 'Yandex Mail',
    domains: ['yandex.ru', 'yandex.com', 'ya.ru', 'yandex.by', 'yandex.kz', 'yandex.ua'],
    pop: TLS('pop.yandex.com'),
    username: 'address',
    webmailUrl: 'https://mail.yandex.com/',
    notes: [
      { id: 'enable-pop', help: 'https://yandex.com/support/mail/mail-clients/others.html' },
      { id: 'app-password', help: 'https://yandex.com/support/id/authorization/app-passwords.html' },
    ],
  },
  {
    id: 'aol',
    name: 'AOL Mail',
    domains: ['aol.com', 'aim.com'],
    pop: TLS('pop.aol.com'),
    username: 'address',
    webmailUrl: 'https://mail.aol.com/',
    notes: [{ id: 'app-password', help: 'https://help.aol.com/articles/Create-and-manage-app-password' }],
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    pop: null,
    username: 'address',
    webmailUrl: 'https://www.icloud.com/mail/',
    notes: [{ id: 'no-pop', help: 'https://support.apple.com/102525' }],
  },
];

/** The part after the last "@", lower-cased and without a trailing dot; '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '';
  return address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
}

/**
 * Whether a server name lies in the address's domain or below it (RFC 6186 §6): a name from an
 * SRV record or a downloaded autoconfig file outside it may come from whoever answered the DNS
 * query or the HTTP request, not from the user's provider, and needs the user's confirmation.
 */
export function serverInDomain(host: string, address: string): boolean {
  const domain = domainOf(address);
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  return domain !== '' && (name === domain || name.endsWith(`.${domain}`));
}

/** The provider serving this address, or undefined for a domain the table does not know. */
export function providerForAddress(address: string): Provider | undefined {
  const domain = domainOf(address);
  if (domain === '') return undefined;
  return PROVIDERS.find((provider) => provider.domains.includes(domain));
}

export function providerById(id: string): Provider | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}

/** The user name to sign in with at this provider. */
export function usernameFor(provider: Provider, address: string): string {
  const trimmed = address.trim();
  return provider.username === 'address' ? trimmed : trimmed.slice(0, trimmed.lastIndexOf('@'));
}
