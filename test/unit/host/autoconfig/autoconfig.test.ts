import { expect, it } from 'vitest';
import { autoconfig, urlsFrom } from '../../../../src/host/autoconfig/autoconfig';
import { srvServers } from '../../../../src/host/autoconfig/srv';
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

it('orders SRV records pop3s first, then by priority and weight, skipping "." targets', async () => {
  const records: Record<string, { name: string; port: number; priority: number; weight: number }[]> = {
    '_pop3s._tcp.example.org': [
      { name: 'b.example.org', port: 995, priority: 10, weight: 0 },
      { name: 'a.example.org.', port: 995, priority: 0, weight: 5 },
    ],
    '_pop3._tcp.example.org': [{ name: '.', port: 0, priority: 0, weight: 0 }],
  };
  const servers = await srvServers('example.org', 'ada@example.org', async (name) => records[name] ?? []);
  expect(servers.map((s) => [s.host, s.security])).toEqual([
    ['a.example.org', 'tls'],
    ['b.example.org', 'tls'],
  ]);
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
  });
  expect((await autoconfig('ada@example.org', serve({ w: CONFIG }))).source).toBe('well-known');
  expect(asked).toEqual(['http://127.0.0.1:1/a/example.org?e=ada%40example.org', 'http://127.0.0.1:1/w/example.org']);
  expect((await autoconfig('ada@example.org', serve({ a: '<broken', i: CONFIG }))).source).toBe('ispdb');
  expect(await autoconfig('ada@example.org', serve({}))).toEqual({
    source: 'srv',
    servers: [{ host: 'srv.example.org', port: 995, security: 'tls', username: 'ada@example.org' }],
  });
  const nothing = { ...serve({}), resolveSrv: async () => [] };
  expect(await autoconfig('ada@example.org', nothing)).toEqual({ source: 'none', servers: [] });
});

it('accepts only HTTPS or loopback HTTP in the URL override, and refuses a bad domain', async () => {
  expect(() => urlsFrom(JSON.stringify({ ispdb: 'http://example.org/{domain}' }))).toThrow(/HTTPS/);
  expect(() => urlsFrom('not json')).toThrow();
  expect(urlsFrom(JSON.stringify({ ispdb: 'http://[::1]:8/{domain}' })).ispdb).toBe('http://[::1]:8/{domain}');
  const deps = { urls: urlsFrom(undefined), fetchText: async () => undefined, resolveSrv: async () => [] };
  await expect(autoconfig('ada@exa mple..org', deps)).rejects.toThrow(/domain/);
});
