import { describe, expect, it } from 'vitest';
import { Account } from '../../../src/shared/account';
import { PROVIDERS, domainOf, providerById, providerForAddress, usernameFor } from '../../../src/shared/providers';

describe('the well-known provider table', () => {
  it.each([
    ['ann@gmail.com', 'pop.gmail.com'],
    ['Ann@GoogleMail.com', 'pop.gmail.com'],
    ['bob@hotmail.com', 'outlook.office365.com'],
    ['bob@outlook.com', 'outlook.office365.com'],
    ['c@yahoo.co.uk', 'pop.mail.yahoo.com'],
    ['d@gmx.de', 'pop.gmx.net'],
    ['d@gmx.net', 'pop.gmx.net'],
    ['d@gmx.com', 'pop.gmx.com'],
    ['e@web.de', 'pop3.web.de'],
    ['f@fastmail.com', 'pop.fastmail.com'],
    ['g@zoho.com', 'pop.zoho.com'],
    ['h@mail.ru', 'pop.mail.ru'],
    ['i@yandex.ru', 'pop.yandex.com'],
    ['j@aol.com', 'pop.aol.com'],
  ])('proposes the POP3 server for %s', (address, host) => {
    expect(providerForAddress(address)?.pop).toEqual({ host, port: 995, security: 'tls' });
  });

  it('knows that iCloud has no POP3, and says so in a note', () => {
    const icloud = providerForAddress('kim@icloud.com');
    expect(icloud?.pop).toBeNull();
    expect(icloud?.notes.map((note) => note.id)).toEqual(['no-pop']);
    expect(providerForAddress('kim@me.com')?.id).toBe('icloud');
  });

  it('asks Gmail users to enable POP, make an app password and consider recent: mode', () => {
    expect(providerForAddress('x@gmail.com')?.notes.map((note) => note.id)).toEqual([
      'enable-pop',
      'app-password',
      'recent-mode',
    ]);
  });

  it('leaves unknown domains and non-addresses to manual set-up', () => {
    expect(providerForAddress('me@example.org')).toBeUndefined();
    expect(providerForAddress('gmail.com')).toBeUndefined();
    expect(providerForAddress('@gmail.com')).toBeUndefined();
    expect(providerForAddress('x@notgmail.com')).toBeUndefined();
  });

  it('reads the domain after the last @, trimmed and lower-cased', () => {
    expect(domainOf(' "a@b"@Example.COM. ')).toBe('example.com');
    expect(domainOf('nobody')).toBe('');
  });

  it('gives every domain to one provider only, and ids are unique', () => {
    const domains = PROVIDERS.flatMap((provider) => provider.domains);
    expect(new Set(domains).size).toBe(domains.length);
    expect(new Set(PROVIDERS.map((p) => p.id)).size).toBe(PROVIDERS.length);
    expect(providerById('microsoft365')?.name).toBe('Microsoft 365');
  });

  it.each(PROVIDERS.filter((p) => p.pop !== null).map((p) => [p.id, p] as const))(
    '%s makes a schema-valid account with https help links',
    (_id, provider) => {
      const pop = provider.pop;
      if (pop === null) throw new Error('filtered above');
      const address = `someone@${provider.domains[0] ?? 'example.com'}`;
      const candidate = {
        id: 'a1',
        name: address,
        server: { ...pop, allowPlaintext: false, username: usernameFor(provider, address) },
        webmailUrl: provider.webmailUrl,
        intervalMinutes: 5,
        enabled: true,
      };
      expect(Account.safeParse(candidate).success).toBe(true);
      for (const note of provider.notes) if (note.help) expect(new URL(note.help).protocol).toBe('https:');
    },
  );
});
