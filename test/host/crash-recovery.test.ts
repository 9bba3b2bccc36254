/**
 * The host killed (SIGKILL) in the middle of a check, of a state write and of a delete, with the
 * real background code (CheckRunner, Deleter, store, HostSession) and the real host against the
 * real Dovecot: afterwards no state file is damaged, the next check recovers and clears the error,
 * the message that arrived meanwhile is announced exactly once, and a deletion cut off before its
 * QUIT deleted nothing and is not shown as done. The exact moments come from the host's test-only
 * pause points (src/host/pause-point.ts).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LatencyProxy, startLatencyProxy } from '../../bench/latency-proxy';
import { type DovecotServer, makeMessage, startDovecot } from '../../scripts/lib/dovecot';
import { CheckRunner } from '../../src/background/check-runner';
import { Deleter } from '../../src/background/deleter';
import { type HostSession, openHostSession } from '../../src/background/host-client';
import type { NewMail } from '../../src/background/notification-plan';
import { Store } from '../../src/background/store';
import { PAUSE_ENV } from '../../src/host/pause-point';
import { UNDO_WINDOW_MS } from '../../src/storage/account-state';
import { SETTINGS_KEY } from '../../src/storage/settings';
import { createFakeBrowser, type FakeBrowser, sampleAccount, sampleSettings } from '../helpers/fake-browser';
import { processPorts } from '../helpers/process-port';

const addressOf = ({ server }: { server: { host: string; port: number; username: string } }) => ({
  host: server.host,
  port: server.port,
  username: server.username,
});

const PASSWORD = 'crash password';
/** Slow enough that a check is still running when the host is killed. */
const DELAY_MS = 150;

let dir: string;
let dovecot: DovecotServer;
let proxy: LatencyProxy;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'popbiff-crash-'));
  dovecot = await startDovecot({
    dir: join(dir, 'dovecot'),
    users: [
      { user: 'crash', password: PASSWORD },
      { user: 'crash2', password: PASSWORD },
      { user: 'crash3', password: PASSWORD },
      { user: 'crash4', password: PASSWORD },
    ],
  });
  proxy = await startLatencyProxy({ host: dovecot.host, port: dovecot.pop3sPort }, DELAY_MS);
});

afterAll(async () => {
  await proxy?.close();
  await dovecot?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the host killed in the middle of a check', () => {
  it('leaves no damaged state; the next check recovers and announces the new message once', async () => {
    const configDir = join(dir, 'host');
    const account = sampleAccount('crash', { server: { ...dovecot.serverSettings('crash', 'tls'), port: proxy.port } });
    const fake = createFakeBrowser();
    fake.storage.set(SETTINGS_KEY, sampleSettings([account]));
    const ports = processPorts({ ...process.env, POPBIFF_CONFIG_DIR: configDir, POPBIFF_SECRET_STORE: 'file' });
    const openHost = () => openHostSession(ports.connectNative, { lastError: () => undefined });
    const announced: NewMail[] = [];
    const runner = new CheckRunner({
      store: new Store(fake.platform.storage),
      openHost,
      afterBatch: async () => undefined,
      now: () => Date.now(),
      announce: async (mail) => void announced.push(mail),
    });
    const setup = openHost();
    await setup.request('set-secret', { accountId: account.id, server: addressOf(account), secret: PASSWORD });
    setup.close();
    const stateOf = () => fake.storage.state().accounts.crash;

    await runner.run(() => [account]); // the baseline
    expect(stateOf()?.error).toBeUndefined();
    await dovecot.deliver('crash', makeMessage({ from: 'A <a@example.org>', subject: 'arrived during the crash' }));

    proxy.reset();
    const killed = runner.run(() => [account]);
    // Kill once the check's session is under way through the slow proxy.
    await waitUntil(() => proxy.counters.bytesFromClient > 0);
    ports.hosts.at(-1)?.kill('SIGKILL');
    await killed;
    expect(stateOf()?.error?.code).toBe('HOST_DISCONNECTED');
    expect(announced.flatMap((mail) => mail.messages)).toEqual([]);

    for (const file of await readdir(join(configDir, 'state'))) {
      if (file.endsWith('.json')) JSON.parse(await readFile(join(configDir, 'state', file), 'utf8'));
    }

    proxy.reset();
    await runner.run(() => [account]);
    expect(stateOf()?.error).toBeUndefined();
    expect(stateOf()?.unseen.map((message) => message.subject)).toEqual(['arrived during the crash']);
    await runner.run(() => [account]);
    expect(announced.flatMap((mail) => mail.messages.map((message) => message.subject))).toEqual([
      'arrived during the crash',
    ]);
  }, 90_000);
});

describe('the worker stopped in the middle of a batch', () => {
  it('loses no message: the host finished the check, the reply was never stored, the next check reports it again', async () => {
    const configDir = join(dir, 'host-worker');
    await dovecot.deliver('crash2', makeMessage({ from: 'B <b@example.org>', subject: 'old mail' }));
    const account = sampleAccount('crash2', {
      server: { ...dovecot.serverSettings('crash2', 'tls'), port: proxy.port },
    });
    const fake = createFakeBrowser();
    fake.storage.set(SETTINGS_KEY, sampleSettings([account]));
    const ports = processPorts({ ...process.env, POPBIFF_CONFIG_DIR: configDir, POPBIFF_SECRET_STORE: 'file' });
    let sessions: HostSession[] = [];
    const openHost = () => {
      const session = openHostSession(ports.connectNative, { lastError: () => undefined });
      sessions.push(session);
      return session;
    };
    const announced: string[] = [];
    const runner = () =>
      new CheckRunner({
        store: new Store(fake.platform.storage),
        openHost,
        afterBatch: async () => undefined,
        now: () => Date.now(),
        announce: async (mail) => void announced.push(...mail.messages.map((message) => message.subject)),
      });
    const setup = openHost();
    await setup.request('set-secret', { accountId: account.id, server: addressOf(account), secret: PASSWORD });
    setup.close();
    await runner().run(() => [account]); // the baseline
    await dovecot.deliver(
      'crash2',
      makeMessage({ from: 'C <c@example.org>', subject: 'arrived as the worker stopped' }),
    );

    // The worker dies: its port closes mid-check and nothing it would have stored is stored.
    const before = fake.storage.state();
    sessions = [];
    proxy.reset();
    const dying = runner().run(() => [account]);
    await waitUntil(() => proxy.counters.bytesFromClient > 0);
    for (const session of sessions) session.close();
    await dying;
    const host = ports.hosts.at(-1);
    // The host still finishes the check it had started (and saves its state) before it exits.
    if (host && host.exitCode === null) await new Promise((resolve) => host.once('exit', resolve));
    fake.storage.setState(before);

    await runner().run(() => [account]); // a new worker
    expect(announced).toEqual(['arrived as the worker stopped']);
    const state = fake.storage.state().accounts.crash2;
    expect(state?.error).toBeUndefined();
    // The first check of a small mailbox shows what is there (not announced); the new one joins it.
    expect(state?.unseen.map((message) => message.subject)).toEqual(['arrived as the worker stopped', 'old mail']);
  }, 90_000);
});

/**
 * One account against the real Dovecot, a store in the fake browser, and hosts started from the
 * built program: `host(pause)` gives ports whose hosts stop at that pause point.
 */
async function crashRig(user: string) {
  const configDir = join(dir, `host-${user}`);
  const account = sampleAccount(user, { server: dovecot.serverSettings(user, 'tls') });
  const fake = createFakeBrowser();
  fake.storage.set(SETTINGS_KEY, sampleSettings([account]));
  const env = { ...process.env, POPBIFF_CONFIG_DIR: configDir, POPBIFF_SECRET_STORE: 'file' };
  const marker = join(dir, `${user}.paused`);
  const host = (pause?: 'before-rename' | 'before-quit') =>
    processPorts(pause ? { ...env, [PAUSE_ENV]: `${pause}:${marker}` } : env);
  const normal = host();
  const setup = openHostSession(normal.connectNative, { lastError: () => undefined });
  await setup.request('set-secret', { accountId: account.id, server: addressOf(account), secret: PASSWORD });
  setup.close();
  const announced: string[] = [];
  const runner = (ports = normal) =>
    new CheckRunner({
      store: new Store(fake.platform.storage),
      openHost: () => openHostSession(ports.connectNative, { lastError: () => undefined }),
      afterBatch: async () => undefined,
      now: () => Date.now(),
      announce: async (mail) => void announced.push(...mail.messages.map((message) => message.subject)),
    });
  const stateOf = () => fake.storage.state().accounts[user];
  return { account, fake, configDir, marker, host, runner, announced, stateOf };
}

/** Every state file the host left parses, and says which files there are. */
async function stateFiles(configDir: string): Promise<string[]> {
  const files = await readdir(join(configDir, 'state'));
  for (const file of files.filter((name) => name.endsWith('.json'))) {
    JSON.parse(await readFile(join(configDir, 'state', file), 'utf8'));
  }
  return files;
}

describe('the host killed in the middle of a state write', () => {
  it('leaves the previous state whole; the next check succeeds and announces the new message once', async () => {
    const rig = await crashRig('crash3');
    await rig.runner().run(() => [rig.account]); // the baseline
    const before = await readFile(join(rig.configDir, 'state', `${rig.account.id}.json`), 'utf8');
    await dovecot.deliver('crash3', makeMessage({ from: 'D <d@example.org>', subject: 'arrived before the write' }));

    const pausing = rig.host('before-rename');
    const killed = rig.runner(pausing).run(() => [rig.account]);
    // The new state is written and flushed to its temporary file; the rename has not happened.
    await waitUntil(() => existsSync(rig.marker));
    expect((await stateFiles(rig.configDir)).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    pausing.hosts.at(-1)?.kill('SIGKILL');
    await killed;
    expect(rig.stateOf()?.error?.code).toBe('HOST_DISCONNECTED');
    expect(rig.announced).toEqual([]);
    expect(await readFile(join(rig.configDir, 'state', `${rig.account.id}.json`), 'utf8')).toBe(before);

    await rig.runner().run(() => [rig.account]);
    expect(rig.stateOf()?.error).toBeUndefined();
    await rig.runner().run(() => [rig.account]);
    expect(rig.stateOf()?.error).toBeUndefined();
    expect(rig.announced).toEqual(['arrived before the write']);
    expect(rig.stateOf()?.unseen.map((message) => message.subject)).toEqual(['arrived before the write']);
    await stateFiles(rig.configDir);
  }, 90_000);
});

describe('the host killed in the middle of a delete', () => {
  it('after DELE, before QUIT: the message stays on the server, is not shown as deleted, and the next check shows it without an error', async () => {
    await dovecot.deliver('crash4', makeMessage({ from: 'E <e@example.org>', subject: 'to be deleted' }));
    const rig = await crashRig('crash4');
    await rig.runner().run(() => [rig.account]); // the first check shows the small mailbox's message
    const uid = rig.stateOf()?.unseen[0]?.uid ?? '';
    expect(rig.stateOf()?.unseen.map((message) => message.subject)).toEqual(['to be deleted']);

    const pausing = rig.host('before-quit');
    let clock = Date.now();
    const deleter = deleterFor(
      rig.fake,
      () => openHostSession(pausing.connectNative, { lastError: () => undefined }),
      () => clock,
    );
    await deleter.schedule(rig.account.id, [uid]);
    clock += UNDO_WINDOW_MS;
    const deleting = deleter.runDue(rig.account.id);
    // DELE was sent and answered; QUIT, which would commit it (RFC 1939 §6), was not.
    await waitUntil(() => existsSync(rig.marker));
    pausing.hosts.at(-1)?.kill('SIGKILL');
    await deleting;
    expect(rig.stateOf()?.lastDeletion).toMatchObject({ deleted: [], error: { code: 'HOST_DISCONNECTED' } });
    expect(rig.stateOf()?.lastDeletion?.unconfirmed).toBeUndefined();
    expect(rig.stateOf()?.unseen.map((message) => message.uid)).toEqual([uid]);

    await rig.runner().run(() => [rig.account]);
    const after = rig.stateOf() as NonNullable<ReturnType<typeof rig.stateOf>>;
    expect(after.error).toBeUndefined();
    expect(after.count).toBe(1);
    expect(after.unseen.map((message) => message.subject)).toEqual(['to be deleted']);
    // Dovecot kept the message: its Maildir still holds one file.
    const maildir = dovecot.maildir('crash4');
    const files = [...(await readdir(join(maildir, 'new'))), ...(await readdir(join(maildir, 'cur')))];
    expect(files).toHaveLength(1);
  }, 90_000);
});

function deleterFor(fake: FakeBrowser, openHost: () => HostSession, now: () => number): Deleter {
  return new Deleter({
    store: new Store(fake.platform.storage),
    alarms: fake.platform.alarms,
    openHost,
    now,
    refresh: async () => undefined,
    spawn: () => undefined,
  });
}

async function waitUntil(done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
