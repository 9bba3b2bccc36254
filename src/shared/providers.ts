import { isLoopbackServer } from './local-oauth';
import { OAUTH_PROVIDERS, type OAuthProviderId, isConfigured, oauthProviderFor } from './oauth';
import type { Security } from './server';

/**
 * Well-known mail providers: what to fill in when someone types their address, and what they
 * must do at the provider first. Pure data; the UI translates each note by its id
 * (`provider_note_<id>` in _locales) and links to `help`. Checked for each provider by hand
 * against its help pages; a domain not here goes to the host's autoconfig (which also
 * recognises custom domains by their MX host). Domains: every domain Thunderbird's ISPDB maps to
 * the provider (test/fixtures/ispdb-providers.json records the ISPDB's data the test compares).
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
  /** What goes in the user-name field (ISPDB: %EMAILADDRESS% or %EMAILLOCALPART%). */
  username: 'address' | 'local-part';
  /**
   * Domains of the provider's mail exchangers (MX hosts end in one of them): how a custom
   * domain hosted there is recognised (autoconfig looks up the domain's MX host).
   */
  mx?: readonly string[];
  /**
   * The provider refuses sign-ins more often than this (ISPDB `checkInterval`); the scheduler
   * never checks more often, and the options page says why.
   */
  minIntervalMinutes?: number;
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
    // Google Workspace: organisations' own domains, recognised by Google's MX hosts; the ISPDB
    // maps these to Google too. Google requires OAuth for POP on Workspace since March 2025.
    id: 'google-workspace',
    name: 'Google Workspace',
    domains: ['google.com', 'jazztel.es', 'nyu.edu'],
    pop: TLS('pop.gmail.com'),
    username: 'address',
    mx: ['google.com', 'googlemail.com'],
    webmailUrl: 'https://mail.google.com/',
    notes: [
      { id: 'enable-pop', help: 'https://support.google.com/a/answer/105694' },
      { id: 'oauth-required', help: 'https://support.google.com/a/answer/14114704' },
    ],
  },
  {
    id: 'outlook',
    name: 'Outlook.com',
    domains: [
      'hotmail.com',
      'live.com',
      'msn.com',
      'outlook.com',
      'windowslive.com',
      'outlook.at',
      'outlook.be',
      'outlook.cl',
      'outlook.cz',
      'outlook.de',
      'outlook.dk',
      'outlook.es',
      'outlook.fr',
      'outlook.hu',
      'outlook.ie',
      'outlook.in',
      'outlook.it',
      'outlook.jp',
      'outlook.kr',
      'outlook.lv',
      'outlook.my',
      'outlook.ph',
      'outlook.pt',
      'outlook.sa',
      'outlook.sg',
      'outlook.sk',
      'outlook.co.id',
      'outlook.co.il',
      'outlook.co.th',
      'outlook.com.ar',
      'outlook.com.au',
      'outlook.com.br',
      'outlook.com.gr',
      'outlook.com.tr',
      'outlook.com.vn',
      'hotmail.be',
      'hotmail.ca',
      'hotmail.cl',
      'hotmail.cz',
      'hotmail.de',
      'hotmail.dk',
      'hotmail.es',
      'hotmail.fi',
      'hotmail.fr',
      'hotmail.gr',
      'hotmail.hu',
      'hotmail.it',
      'hotmail.lt',
      'hotmail.lv',
      'hotmail.my',
      'hotmail.nl',
      'hotmail.no',
      'hotmail.ph',
      'hotmail.rs',
      'hotmail.se',
      'hotmail.sg',
      'hotmail.sk',
      'hotmail.co.id',
      'hotmail.co.il',
      'hotmail.co.in',
      'hotmail.co.jp',
      'hotmail.co.kr',
      'hotmail.co.th',
      'hotmail.co.uk',
      'hotmail.co.za',
      'hotmail.com.ar',
      'hotmail.com.au',
      'hotmail.com.br',
      'hotmail.com.hk',
      'hotmail.com.tr',
      'hotmail.com.tw',
      'hotmail.com.vn',
      'live.at',
      'live.be',
      'live.ca',
      'live.cl',
      'live.cn',
      'live.de',
      'live.dk',
      'live.fi',
      'live.fr',
      'live.hk',
      'live.ie',
      'live.in',
      'live.it',
      'live.jp',
      'live.nl',
      'live.no',
      'live.ru',
      'live.se',
      'live.co.jp',
      'live.co.kr',
      'live.co.uk',
      'live.co.za',
      'live.com.ar',
      'live.com.au',
      'live.com.mx',
      'live.com.my',
      'live.com.ph',
      'live.com.pt',
      'live.com.sg',
      'livemail.tw',
    ],
    pop: TLS('outlook.office365.com'),
    username: 'address',
    mx: ['olc.protection.outlook.com'],
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
    // Work and school accounts use their organisation's own domain: recognised by its MX host.
    id: 'microsoft365',
    name: 'Microsoft 365',
    domains: ['office365.com', 'onmicrosoft.com'],
    pop: TLS('outlook.office365.com'),
    username: 'address',
    mx: ['mail.protection.outlook.com'],
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
      'yahoo.ca',
      'yahoo.de',
      'yahoo.it',
      'yahoo.fr',
      'yahoo.es',
      'yahoo.se',
      'yahoo.co.in',
      'yahoo.co.uk',
      'yahoo.co.nz',
      'yahoo.com.au',
      'yahoo.com.ar',
      'yahoo.com.br',
      'yahoo.com.mx',
      'ymail.com',
      'myyahoo.com',
      'rocketmail.com',
      'cox.net',
    ],
    pop: TLS('pop.mail.yahoo.com'),
    username: 'address',
    mx: ['am0.yahoodns.net', 'yahoodns.net'],
    webmailUrl: 'https://mail.yahoo.com/',
    notes: [{ id: 'app-password', help: 'https://help.yahoo.com/kb/SLN15241.html' }],
  },
  {
    id: 'gmx',
    name: 'GMX',
    domains: [
      'gmx.net',
      'gmx.de',
      'gmx.at',
      'gmx.ch',
      'gmx.eu',
      'gmx.biz',
      'gmx.org',
      'gmx.info',
      'mein.gmx',
      'mail.gmx',
      'email.gmx',
    ],
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
    domains: [
      'gmx.com',
      'gmx.tm',
      'gmx.us',
      'gmx.co.uk',
      'gmx.es',
      'gmx.fr',
      'gmx.ca',
      'gmx.cn',
      'gmx.co.in',
      'gmx.com.br',
      'gmx.com.my',
      'gmx.hk',
      'gmx.ie',
      'gmx.ph',
      'gmx.pt',
      'gmx.ru',
      'gmx.se',
      'gmx.sg',
      'gmx.tw',
      'gmx.com.tr',
      'gmx.it',
      'gmx.li',
    ],
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
    // ISPDB: the local part, and "checks only every 15 minutes, otherwise fails at auth".
    username: 'local-part',
    minIntervalMinutes: 15,
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
    id: 'zoho-in',
    name: 'Zoho Mail (India)',
    domains: ['zoho.in', 'zohomail.in'],
    pop: TLS('pop.zoho.in'),
    username: 'address',
    webmailUrl: 'https://mail.zoho.in/',
    notes: [{ id: 'enable-pop', help: 'https://www.zoho.com/mail/help/pop-access.html' }],
  },
  {
    id: 'zoho-jp',
    name: 'Zoho Mail (Japan)',
    domains: ['zoho.jp', 'zohomail.jp'],
    pop: TLS('pop.zoho.jp'),
    username: 'address',
    webmailUrl: 'https://mail.zoho.jp/',
    notes: [{ id: 'enable-pop', help: 'https://www.zoho.com/mail/help/pop-access.html' }],
  },
  {
    id: 'zoho-au',
    name: 'Zoho Mail (Australia)',
    domains: ['zoho.com.au', 'zohomail.com.au'],
    pop: TLS('pop.zoho.com.au'),
    username: 'address',
    webmailUrl: 'https://mail.zoho.com.au/',
    notes: [{ id: 'enable-pop', help: 'https://www.zoho.com/mail/help/pop-access.html' }],
  },
  {
    id: 'zoho-ca',
    name: 'Zoho Mail (Canada)',
    domains: ['zohocloud.ca', 'zohomailcloud.ca'],
    pop: TLS('pop.zohocloud.ca'),
    username: 'address',
    webmailUrl: 'https://mail.zohocloud.ca/',
    notes: [{ id: 'enable-pop', help: 'https://www.zoho.com/mail/help/pop-access.html' }],
  },
  {
    id: 'mailru',
    name: 'Mail.ru',
    domains: ['mail.ru', 'bk.ru', 'corp.mail.ru', 'inbox.ru', 'internet.ru', 'list.ru'],
    pop: TLS('pop.mail.ru'),
    username: 'address',
    webmailUrl: 'https://e.mail.ru/',
    notes: [{ id: 'app-password', help: 'https://help.mail.ru/mail/security/protection/external' }],
  },
  {
    id: 'yandex',
    name: 'Yandex Mail',
    domains: ['yandex.ru', 'yandex.com', 'yandex.net', 'yandex.by', 'yandex.kz', 'yandex.ua', 'ya.ru', 'narod.ru'],
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
    domains: [
      'aol.com',
      'aim.com',
      'netscape.net',
      'netscape.com',
      'compuserve.com',
      'cs.com',
      'wmconnect.com',
      'aol.de',
      'aol.it',
      'aol.fr',
      'aol.es',
      'aol.se',
      'aol.co.uk',
      'aol.co.nz',
      'aol.com.au',
      'aol.com.ar',
      'aol.com.br',
      'aol.com.mx',
    ],
    pop: TLS('pop.aol.com'),
    username: 'address',
    mx: ['mail.gm0.yahoodns.net'],
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

/**
 * The provider whose mail exchangers these are, by the MX host's parent domains, most specific
 * first (Thunderbird tries the MX host's base domain and the subdomain above it).
 */
export function providerForMx(mxHost: string): Provider | undefined {
  for (const domain of mxCandidates(mxHost)) {
    const found = PROVIDERS.find((provider) => provider.mx?.includes(domain));
    if (found) return found;
  }
  return undefined;
}

/** "a.b.mail.example.org" → ["b.mail.example.org", "mail.example.org", "example.org"]: never a lone TLD. */
export function mxCandidates(mxHost: string): string[] {
  const labels = mxHost.toLowerCase().replace(/\.$/, '').split('.');
  const out: string[] = [];
  for (let drop = 1; labels.length - drop >= 2; drop += 1) out.push(labels.slice(drop).join('.'));
  return out;
}

/** The least interval between checks that the provider running this POP3 server accepts, if it sets one. */
export function minIntervalForServer(host: string): { provider: Provider; minutes: number } | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  const provider = PROVIDERS.find((p) => p.pop?.host === name && p.minIntervalMinutes !== undefined);
  return provider?.minIntervalMinutes === undefined ? undefined : { provider, minutes: provider.minIntervalMinutes };
}

export function providerById(id: string): Provider | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}

/** The user name to sign in with at this provider. */
export function usernameFor(provider: Provider, address: string): string {
  const trimmed = address.trim();
  return provider.username === 'address' ? trimmed : trimmed.slice(0, trimmed.lastIndexOf('@'));
}

/** Which OAuth provider signs in to this POP3 server (the form knows the server, not the provider). */
export function oauthProviderForServer(host: string): OAuthProviderId | undefined {
  // A test build's local provider (local-oauth.ts) signs in to servers on this computer.
  if (isLoopbackServer(host) && isConfigured(OAUTH_PROVIDERS.local)) return 'local';
  const wanted = host.trim().toLowerCase();
  const provider = PROVIDERS.find((entry) => entry.pop?.host === wanted && oauthProviderFor(entry.id) !== undefined);
  return oauthProviderFor(provider?.id);
}
