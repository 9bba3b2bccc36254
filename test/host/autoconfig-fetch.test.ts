/** fetchConfig against a local HTTP server on 127.0.0.1: the limits are real, not mocked. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { autoconfig, defaultDeps } from '../../src/host/autoconfig/autoconfig';
import { fetchConfig } from '../../src/host/autoconfig/fetch-config';
import { CONFIG } from '../helpers/autoconfig-fixture';

let server: http.Server;
let base: string;
// A time limit that a loaded test machine still meets for a quick answer, far below the slow server's delay.
const LIMITS = { timeoutMs: 2_000, maxBytes: 64 * 1024 };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const path = request.url ?? '';
    if (path.startsWith('/config')) return void response.end(CONFIG);
    if (path === '/huge') return void response.end('x'.repeat(70 * 1024));
    if (path === '/slow') return void setTimeout(() => response.end(CONFIG), 10_000).unref();
    if (path === '/redirect') return void response.writeHead(302, { location: '/config' }).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('reads a config file and refuses oversize bodies, slow servers, redirects and missing files', async () => {
  expect(await fetchConfig(`${base}/config`, LIMITS)).toBe(CONFIG);
  expect(await fetchConfig(`${base}/huge`, LIMITS)).toBeUndefined();
  const started = Date.now();
  expect(await fetchConfig(`${base}/slow`, LIMITS)).toBeUndefined();
  expect(Date.now() - started).toBeLessThan(8_000);
  expect(await fetchConfig(`${base}/redirect`, LIMITS)).toBeUndefined();
  expect(await fetchConfig(`${base}/missing`, LIMITS)).toBeUndefined();
});

it('never fetches plain HTTP from anywhere but loopback', async () => {
  await expect(fetchConfig('http://example.org/config', LIMITS)).rejects.toThrow(/HTTPS/);
});

it('follows POPBIFF_AUTOCONFIG_URLS end to end: the first two sources miss, the ISPDB answers', async () => {
  const env = {
    POPBIFF_AUTOCONFIG_URLS: JSON.stringify({
      autoconfig: `${base}/missing/{domain}`,
      'well-known': `${base}/huge`,
      ispdb: `${base}/config/{domain}`,
    }),
  };
  const result = await autoconfig('ada@example.org', { ...defaultDeps(env), resolveSrv: async () => [] });
  expect(result.source).toBe('ispdb');
  expect(result.servers[0]).toEqual({ host: 'pop.example.org', port: 995, security: 'tls', username: 'ada' });
});
