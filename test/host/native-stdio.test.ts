import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_IDS, FIREFOX_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { HostProcess, ensureHostBundle } from './host-process';

const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`;
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

let configDir: string;
let hosts: HostProcess[] = [];

function startHost(args: string[] = [ORIGIN]): HostProcess {
  const host = new HostProcess(args, { ...process.env, POPBIFF_CONFIG_DIR: configDir });
  hosts.push(host);
  return host;
}

beforeAll(() => {
  ensureHostBundle();
});
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'popbiff-stdio-'));
});
afterEach(() => {
  for (const host of hosts) if (host.child.exitCode === null) host.child.kill();
  hosts = [];
  rmSync(configDir, { recursive: true, force: true });
});

const server = { host: '127.0.0.1', port: 1, security: 'tls', allowPlaintext: false, username: 'ada' };

describe('the host over stdio', () => {
  it('answers hello with its protocol and package versions', async () => {
    const host = startHost();
    const reply = await host.request('h1', 'hello', {});
    expect(reply).toMatchObject({ v: PROTOCOL_VERSION, id: 'h1', hostVersion: version, ok: true });
    // Registrations come from install receipts (a system-wide one may exist on this machine);
    // test/host/install.test.ts checks their content. A first start may answer before it has
    // chosen where secrets go ("pending"); the choice follows.
    expect((await host.helloOnceChosen()).result).toEqual({
      protocolVersion: PROTOCOL_VERSION,
      hostVersion: version,
      platform: process.platform,
      secretStore: 'file',
      registrations: expect.any(Array),
    });
  });

  it('answers Firefox, which passes the manifest path and the extension id', async () => {
    const host = startHost(['/somewhere/org.popbiff.host.json', FIREFOX_EXTENSION_IDS[0]]);
    expect(await host.request('h1', 'hello', {})).toMatchObject({ ok: true });
  });

  it('survives a frame of bad JSON and answers the next request', async () => {
    const host = startHost();
    host.writeRaw(Buffer.concat([Buffer.from([9, 0, 0, 0]), Buffer.from('{"v":1,"i')]));
    expect(await host.reply('')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await host.request('h2', 'hello', {})).toMatchObject({ ok: true });
  });

  it('refuses an unknown type, naming it', async () => {
    const reply = await startHost().request('u1', 'delete-everything', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(reply.error?.message).toContain('delete-everything');
  });

  it('refuses another protocol version', async () => {
    const reply = await startHost().request('v2', 'hello', {}, PROTOCOL_VERSION + 1);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_VERSION' } });
  });

  it('refuses an invalid payload, naming the field', async () => {
    const reply = await startHost().request('p1', 'check', {
      accountId: 'a1',
      server: { ...server, port: 70000 },
      watch: [],
      limit: 5,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(reply.error?.message).toContain('server.port');
  });

  it('answers FORBIDDEN_ORIGIN to an extension that is not Popbiff', async () => {
    const host = startHost(['chrome-extension://abcdefghijklmnopabcdefghijklmnop/']);
    expect(await host.request('f1', 'hello', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(await host.request('f2', 'set-secret', { accountId: 'a1', secret: 'pw' })).toMatchObject({ ok: false });
  });

  it('says NO_PASSWORD for an account without a stored secret', async () => {
    const reply = await startHost().request('c0', 'check', { accountId: 'nobody', server, watch: [], limit: 5 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NO_PASSWORD' } });
  });

  it('finds a stored secret for a check, and never writes it to the log', async () => {
    const secret = 'Tr0ub4dor&3-very-secret';
    const host = startHost();
    expect(await host.request('s1', 'set-secret', { accountId: 'a1', secret })).toMatchObject({
      ok: true,
      result: { done: true },
    });
    // Port 1 refuses connections: the error proves the secret was found and a connection tried.
    const reply = await host.request('c1', 'check', { accountId: 'a1', server, watch: [], limit: 5 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONNECT_FAILED' } });
    expect(await host.close()).toBe(0);
    const log = readFileSync(join(configDir, 'host.log'), 'utf8');
    expect(log).toContain('set-secret');
    expect(log).not.toContain(secret);
    expect(host.stderr).not.toContain(secret);
  });

  it('forgets an account: its secret is gone afterwards', async () => {
    const host = startHost();
    await host.request('s1', 'set-secret', { accountId: 'a1', secret: 'pw' });
    expect(await host.request('d1', 'forget-account', { accountId: 'a1' })).toMatchObject({ ok: true });
    const reply = await host.request('c1', 'check', { accountId: 'a1', server, watch: [], limit: 5 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NO_PASSWORD' } });
  });

  it('replies once to an oversize length prefix and then exits cleanly', async () => {
    const host = startHost();
    host.writeRaw(Buffer.from([0xff, 0xff, 0xff, 0x7f]));
    expect(await host.reply('')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await host.close()).toBe(0);
  });

  it('exits with code 0 when the browser closes stdin', async () => {
    const host = startHost();
    await host.request('h1', 'hello', {});
    expect(await host.close()).toBe(0);
  });
});
