/**
 * The provider table read as data against the ISPDB's own (test/fixtures/ispdb-providers.json,
 * the domains and POP3 servers of Thunderbird's ISPDB files for each listed provider): every
 * ISPDB domain finds its provider, with the ISPDB's server, user-name form and check interval.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  minIntervalForServer,
  PROVIDERS,
  providerById,
  providerForAddress,
  providerForMx,
} from '../../../src/shared/providers';

interface IspdbServer {
  hostname: string;
  port: number;
  socketType: string;
  username: string;
  checkIntervalMinutes?: number;
}

const ispdb = JSON.parse(readFileSync(new URL('../../fixtures/ispdb-providers.json', import.meta.url), 'utf8')) as {
  files: Record<string, { domains: string[]; pop3: IspdbServer[] }>;
};

/** Which of our providers each ISPDB file describes. */
const FILES: Record<string, string> = {
  'googlemail.com': 'gmail',
  'hotmail.com': 'outlook',
  'office365.com': 'microsoft365',
  'yahoo.com': 'yahoo',
  'aol.com': 'aol',
  'gmx.net': 'gmx',
  'gmx.com': 'gmx-com',
  'web.de': 'webde',
  'messagingengine.com': 'fastmail',
  'zoho.com': 'zoho',
  'zoho.eu': 'zoho-eu',
  'zoho.in': 'zoho-in',
  'zoho.jp': 'zoho-jp',
  'zoho.com.au': 'zoho-au',
  'zohocloud.ca': 'zoho-ca',
  'mail.ru': 'mailru',
  'yandex.ru': 'yandex',
  'me.com': 'icloud',
};

/** Organisations' domains the ISPDB sends to Google: Google Workspace, which needs OAuth. */
const WORKSPACE = new Set(['google.com', 'jazztel.es', 'nyu.edu']);

/** ISPDB entries that are mail-exchanger domains, not address domains: our table has them as `mx`. */
const isMxDomain = (domain: string) => /(^|\.)protection\.outlook\.com$|(^|\.)yahoodns\.net$/.test(domain);

describe('the provider table against the ISPDB', () => {
  for (const [file, providerId] of Object.entries(FILES)) {
    it(`covers every domain of ISPDB ${file}, with its POP3 server, user-name form and interval`, () => {
      const entry = ispdb.files[file];
      if (!entry) throw new Error(`the fixture has no ${file}`);
      for (const domain of entry.domains) {
        if (isMxDomain(domain)) {
          expect(providerForMx(`mx1.${domain}`)?.id, domain).toBe(providerId);
          continue;
        }
        const expected = WORKSPACE.has(domain) ? 'google-workspace' : providerId;
        expect(providerForAddress(`someone@${domain}`)?.id, domain).toBe(expected);
      }
      const provider = providerById(providerId);
      const best = entry.pop3[0];
      if (!best) {
        expect(provider?.pop).toBeNull();
        return;
      }
      expect(provider?.pop).toEqual({ host: best.hostname, port: best.port, security: 'tls' });
      expect(provider?.username).toBe(best.username === '%EMAILLOCALPART%' ? 'local-part' : 'address');
      expect(provider?.minIntervalMinutes).toBe(best.checkIntervalMinutes);
    });
  }

  it('lists each domain under one provider only', () => {
    const all = PROVIDERS.flatMap((provider) => provider.domains);
    expect(all.length).toBe(new Set(all).size);
  });
});

describe('custom domains recognised by their MX host', () => {
  it.each([
    ['aspmx.l.google.com', 'google-workspace'],
    ['alt2.aspmx.l.google.com.', 'google-workspace'],
    ['smtp.google.com', 'google-workspace'],
    ['contoso-com.mail.protection.outlook.com', 'microsoft365'],
    ['example-com.olc.protection.outlook.com', 'outlook'],
    ['mta7.am0.yahoodns.net', 'yahoo'],
    ['mx-aol.mail.gm0.yahoodns.net', 'aol'],
  ])('%s is %s', (mx, id) => {
    expect(providerForMx(mx)?.id).toBe(id);
  });

  it('a server of its own is nobody’s, and a bare public suffix is never a candidate', () => {
    expect(providerForMx('mail.example.org')).toBeUndefined();
    expect(providerForMx('com')).toBeUndefined();
  });

  it('Google Workspace is told it needs OAuth', () => {
    expect(providerById('google-workspace')?.notes.map((note) => note.id)).toContain('oauth-required');
  });
});

describe('minimum intervals', () => {
  it('WEB.DE’s POP3 server accepts a check every 15 minutes at most; others set none', () => {
    expect(minIntervalForServer('POP3.web.de')).toMatchObject({ provider: { id: 'webde' }, minutes: 15 });
    expect(minIntervalForServer('pop.gmail.com')).toBeUndefined();
    expect(minIntervalForServer('mail.example.org')).toBeUndefined();
  });
});
