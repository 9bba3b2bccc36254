import { expect, it } from 'vitest';
import { autoconfig, urlsFrom } from '../../../../src/host/autoconfig/autoconfig';
import { rfc2782Order, srvServers } from '../../../../src/host/autoconfig/srv';
import { pop3Servers } from '../../../../src/host/autoconfig/thunderbird-config';
import { parseXml } from '../../../../src/host/autoconfig/xml';
import { CONFIG } from '../../../helpers/autoconfig-fixture';

it('reads the POP3 servers of a Thunderbird config in order, placeholders filled in', () => {
  expect(pop3Servers(CONFIG, 'ada@example.org')).toEqual([
    { host: 'pop.example.org', port: 995, security: 'tls', username: 'ada' },
    { host: 'pop.example.org', port: 110, security: 'starttls', username: 'ada@example.org' },
  ]);
});

it('refuses DOCTYPE, entity definitions, unknown entities and malformed XML', () => {
  const bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><clientConfig>&a;</clientConfig>';
  expect(() => parseXml(bomb)).toThrow(/DOCTYPE/);
  expect(() => parseXml('<clientConfig>&nbsp;</clientConfig>')).toThrow(/entity/);
  expect(() => parseXml('<a><b></a></b>')).toThrow();
  expect(() => parseXml('<a>')).toThrow();
  expect(() => parseXml('<a x=1/>')).toThrow();
  expect(() => parseXml('<a/><b/>')).toThrow();
  expect(() => parseXml(`<a>${'<b>'.repeat(40)}${'</b>'.repeat(40)}</a>`)).toThrow(/deeply/);
  expect(() => parseXml(`<a>${' '.repeat(70_000)}</a>`)).toThrow(/large/);
});

it('decodes the predefined entities, character references and CDATA', () => {
  const root = parseXml(`<a t="x&amp;y">&lt;&#65;&#x42;<![CDATA[<c>]]></a>`);
  expect(root.attributes.t).toBe('x&y');
  expect(root.text).toBe('<AB<c>');
});

type Srv = { name: string; port: number; priority: number; weight: number };
const answersFrom = (records: Record<string, Srv[]>) => async (name: string) => records[name] ?? [];

it('orders SRV records by priority across both labels (RFC 6186 §3.4), skipping "." targets', async () => {
  const records: Record<string, Srv[]> = {
    '_pop3s._tcp.example.org': [
      { name: 'b.example.org', port: 995, priority: 10, weight: 0 },
      { name: 'a.example.org.', port: 995, priority: 5, weight: 5 },
    ],
    '_pop3._tcp.example.org': [
      { name: 'plain.example.org', port: 110, priority: 0, weight: 0 },
      { name: '.', port: 0, priority: 0, weight: 0 },
    ],
  };
  const servers = await srvServers('example.org', 'ada@example.org', answersFrom(records), () => 0);
  expect(servers.map((s) => [s.host, s.security, s.username])).toEqual([
    ['plain.example.org', 'starttls', 'ada@example.org'],
    ['plain.example.org', 'starttls', 'ada'],
    ['a.example.org', 'tls', 'ada@example.org'],
    ['a.example.org', 'tls', 'ada'],
    ['b.example.org', 'tls', 'ada@example.org'],
    ['b.example.org', 'tls', 'ada'],
  ]);
});

it('draws records of one priority by weight, as RFC 2782 says (zero weights first, running sums)', () => {
  const records: Srv[] = [
    { name: 'heavy', port: 995, priority: 1, weight: 30 },
    { name: 'zero', port: 995, priority: 1, weight: 0 },
    { name: 'light', port: 995, priority: 1, weight: 10 },
    { name: 'backup', port: 995, priority: 2, weight: 100 },
  ];
  const names = (random: () => number) => rfc2782Order(records, random).map((r) => r.name);
  // 0 picks the first running sum ≥ 0: the zero-weight record, which the procedure put first.
  expect(names(() => 0)).toEqual(['zero', 'heavy', 'light', 'backup']);
  // The top of the range (the sum itself) picks the last record in the running order.
  expect(names(() => 0.999_999)).toEqual(['light', 'heavy', 'zero', 'backup']);
  // Over many draws the first choice follows the weights: 30 of 41, 10 of 41, 1 of 41.
  let seed = 12345;
  const lcg = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const firsts = new Map<string, number>();
  for (let i = 0; i < 41_000; i++) {
    const first = names(lcg)[0] ?? '';
    firsts.set(first, (firsts.get(first) ?? 0) + 1);
  }
  expect((firsts.get('heavy') ?? 0) / 41_000).toBeCloseTo(30 / 41, 1);
  expect((firsts.get('light') ?? 0) / 41_000).toBeCloseTo(10 / 41, 1);
  expect(firsts.get('backup')).toBeUndefined();
});

it('tries autoconfig, well-known, ISPDB, then SRV, and reports which one answered', async () => {
  const urls = urlsFrom(
    JSON.stringify({
      autoconfig: 'http://127.0.0.1:1/a/{domain}?e={address}',
      'well-known': 'http://127.0.0.1:1/w/{domain}',
      ispdb: 'http://127.0.0.1:1/i/{domain}',
    }),
  );
  const asked: string[] = [];
  const serve = (answers: Record<string, string>) => ({
    urls,
    fetchText: async (url: string) => {
      asked.push(url);
      return answers[new URL(url).pathname.split('/')[1] ?? ''];
    },
    resolveSrv: async (name: string) =>
      name.startsWith('_pop3s.') ? [{ name: 'srv.example.org', port: 995, priority: 0, weight: 0 }] : [],
    resolveMx: async () => [],
    random: () => 0,
  });
  expect((await autoconfig('ada@example.org', serve({ w: CONFIG }))).source).toBe('well-known');
  expect(asked).toEqual(['http://127.0.0.1:1/a/example.org?e=ada%40example.org', 'http://127.0.0.1:1/w/example.org']);
  expect((await autoconfig('ada@example.org', serve({ a: '<broken', i: CONFIG }))).source).toBe('ispdb');
  expect(await autoconfig('ada@example.org', serve({}))).toEqual({
    source: 'srv',
    servers: [
      { host: 'srv.example.org', port: 995, security: 'tls', username: 'ada@example.org' },
      { host: 'srv.example.org', port: 995, security: 'tls', username: 'ada' },
    ],
  });
  const nothing = { ...serve({}), resolveSrv: async () => [] };
  expect(await autoconfig('ada@example.org', nothing)).toEqual({ source: 'none', servers: [] });
});

it('accepts only HTTPS or loopback HTTP in the URL override, and refuses a bad domain', async () => {
  expect(() => urlsFrom(JSON.stringify({ ispdb: 'http://example.org/{domain}' }))).toThrow(/HTTPS/);
  expect(() => urlsFrom('not json')).toThrow();
  expect(urlsFrom(JSON.stringify({ ispdb: 'http://[::1]:8/{domain}' })).ispdb).toBe('http://[::1]:8/{domain}');
  const deps = {
    urls: urlsFrom(undefined),
    fetchText: async () => undefined,
    resolveSrv: async () => [],
    resolveMx: async () => [],
    random: Math.random,
  };
  await expect(autoconfig('ada@exa mple..org', deps)).rejects.toThrow(/domain/);
});

it('after the ISPDB, recognises a custom domain by its MX host: Google Workspace, named so the page can say OAuth', async () => {
  const asked: string[] = [];
  const deps = {
    urls: urlsFrom(
      JSON.stringify({
        autoconfig: 'http://127.0.0.1:1/a/{domain}',
        'well-known': 'http://127.0.0.1:1/w/{domain}',
        ispdb: 'http://127.0.0.1:1/i/{domain}',
      }),
    ),
    fetchText: async (url: string) => void asked.push(url),
    resolveSrv: async () => [{ name: 'srv.example.org', port: 995, priority: 0, weight: 0 }],
    resolveMx: async (domain: string) =>
      domain === 'example.org'
        ? [
            { exchange: 'alt1.aspmx.l.google.com', priority: 5 },
            { exchange: 'ASPMX.L.GOOGLE.COM.', priority: 1 },
          ]
        : [],
    random: () => 0,
  };
  expect(await autoconfig('ada@example.org', deps)).toEqual({
    source: 'mx',
    provider: 'google-workspace',
    servers: [{ host: 'pop.gmail.com', port: 995, security: 'tls', username: 'ada@example.org' }],
  });
  expect(asked.map((url) => new URL(url).pathname)).toEqual(['/a/example.org', '/w/example.org', '/i/example.org']);
});

it('asks the ISPDB for an unknown MX host’s subdomain above its base domain, then the base domain', async () => {
  const asked: string[] = [];
  const deps = {
    urls: urlsFrom(JSON.stringify({ ispdb: 'http://127.0.0.1:1/i/{domain}' })),
    fetchText: async (url: string) => {
      asked.push(url);
      return url.endsWith('/i/hoster.net') ? CONFIG : undefined;
    },
    resolveSrv: async () => [],
    resolveMx: async () => [{ exchange: 'mx3.eu.mail.hoster.net', priority: 10 }],
    random: () => 0,
  };
  const result = await autoconfig('ada@example.org', deps);
  expect(result.source).toBe('mx');
  expect(result.servers.length).toBeGreaterThan(0);
  expect(asked.filter((url) => url.includes('/i/')).map((url) => url.split('/i/')[1])).toEqual([
    'example.org',
    'mail.hoster.net',
    'hoster.net',
  ]);
});
