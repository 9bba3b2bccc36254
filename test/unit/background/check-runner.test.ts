import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_NOTIFIED_KEPT, MAX_UNSEEN_KEPT, type ExtensionState } from '../../../src/storage/account-state';
import { MAX_WATCHED_UIDS } from '../../../src/shared/mail';
import {
  CheckRunner,
  MAX_CHECKS_PER_SERVER,
  MAX_CONCURRENT_CHECKS,
  SUMMARY_LIMIT,
} from '../../../src/background/check-runner';
import { openHostSession } from '../../../src/background/host-client';
import type { Account } from '../../../src/shared/account';
import { Store, type Snapshot } from '../../../src/background/store';
import { SETTINGS_KEY } from '../../../src/storage/settings';
import {
  checkResult,
  createFakeBrowser,
  sampleAccount,
  sampleSettings,
  summary,
  type FakeBrowser,
  type HostRequest,
} from '../../helpers/fake-browser';

/** Lets queued promise callbacks and port messages run; bounded, no wall-clock waiting. */
async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

let fake: FakeBrowser;
let batches: Snapshot[];
let runner: CheckRunner;
const all = ({ settings }: Snapshot): Account[] => settings.accounts;
const checks = (): HostRequest[] => fake.ports.flatMap((port) => port.posted).filter((r) => r.type === 'check');
const stored = (): ExtensionState => fake.storage.state();

function setUp(accounts: Account[], state?: ExtensionState): void {
  fake.storage.set(SETTINGS_KEY, sampleSettings(accounts));
  if (state) fake.storage.setState(state);
  const store = new Store(fake.platform.storage);
  const openHost = () => openHostSession(fake.platform.connectNative, { lastError: fake.platform.lastError });
  runner = new CheckRunner({ store, openHost, afterBatch: async (s) => void batches.push(s), now: () => 5000 });
}

beforeEach(() => {
  fake = createFakeBrowser();
  batches = [];
});

describe('check runner', () => {
  it('opens one port for a whole batch and sends each account its check', async () => {
    fake.script((request, port) => port.ok(request.id, checkResult()));
    const unseen = [summary('u1'), summary('u2')];
    setUp([sampleAccount('a'), sampleAccount('b'), sampleAccount('c')], {
      version: 1,
      accounts: { b: { count: 2, unseenCount: 2, unseen, failures: 0, stateToken: 'tok-b' } },
    });
    await runner.run(all);
    expect(fake.ports).toHaveLength(1);
    expect(fake.ports[0]?.disconnected).toBe(true);
    const sent = checks().map((r) => r.payload);
    expect(sent.map((p) => p.accountId)).toEqual(['a', 'b', 'c']);
    expect(sent[1]).toMatchObject({
      stateToken: 'tok-b',
      watch: ['u1', 'u2'],
      limit: SUMMARY_LIMIT,
      server: sampleAccount('b').server,
    });
    expect('stateToken' in (sent[0] ?? {})).toBe(false);
  });

  it('watches the announced UIDs too, so the reply names those the server no longer has', async () => {
    fake.script((request, port) => port.ok(request.id, checkResult()));
    const unseen = [summary('u1'), summary('u2')];
    setUp([sampleAccount('b')], {
      version: 1,
      accounts: { b: { count: 3, unseenCount: 2, unseen, failures: 0, notified: ['u2', 'u1', 'u0'] } },
    });
    await runner.run(all);
    expect(checks()[0]?.payload.watch).toEqual(['u1', 'u2', 'u0']);
  });

  it('what an account remembers always fits one check request', () => {
    expect(MAX_UNSEEN_KEPT + MAX_NOTIFIED_KEPT).toBeLessThanOrEqual(MAX_WATCHED_UIDS);
  });

  it(`runs at most ${MAX_CHECKS_PER_SERVER} checks at once on one server`, async () => {
    setUp(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => sampleAccount(id)));
    const done = runner.run(all);
    await flush();
    expect(checks()).toHaveLength(MAX_CHECKS_PER_SERVER);
    const port = fake.ports[0];
    port?.ok(checks()[0]?.id ?? '', checkResult());
    await flush();
    expect(checks()).toHaveLength(MAX_CHECKS_PER_SERVER + 1);
    for (let answered = 1; answered < 6; answered += 1) {
      port?.ok(checks()[answered]?.id ?? '', checkResult());
      await flush();
    }
    await done;
    expect(checks()).toHaveLength(6);
  });

  it('checks accounts on different servers all at once; a host name in other case is the same server', async () => {
    const onServer = (id: string, host: string, port = 995) =>
      sampleAccount(id, { server: { ...sampleAccount(id).server, host, port } });
    setUp([
      onServer('a', 'pop.one.example'),
      onServer('b', 'POP.ONE.example'),
      onServer('c', 'pop.one.example'),
      onServer('d', 'pop.one.example', 110),
      onServer('e', 'pop.two.example'),
      onServer('f', 'pop.three.example'),
    ]);
    const done = runner.run(all);
    await flush();
    // a and b fill pop.one.example:995; c waits; port 110 of the same host is another server.
    expect(checks().map((r) => r.payload.accountId)).toEqual(['a', 'b', 'd', 'e', 'f']);
    for (const request of checks()) fake.ports[0]?.ok(request.id, checkResult());
    await flush();
    expect(checks().map((r) => r.payload.accountId)).toContain('c');
    fake.ports[0]?.ok(checks().at(-1)?.id ?? '', checkResult());
    await done;
  });

  it(`runs at most ${MAX_CONCURRENT_CHECKS} checks at once in all, however many servers`, async () => {
    const ids = Array.from({ length: MAX_CONCURRENT_CHECKS + 3 }, (_, i) => `acct${i}`);
    setUp(ids.map((id) => sampleAccount(id, { server: { ...sampleAccount(id).server, host: `${id}.example` } })));
    const done = runner.run(all);
    await flush();
    expect(checks()).toHaveLength(MAX_CONCURRENT_CHECKS);
    for (const request of checks()) fake.ports[0]?.ok(request.id, checkResult());
    await flush();
    for (const request of checks().slice(MAX_CONCURRENT_CHECKS)) fake.ports[0]?.ok(request.id, checkResult());
    await done;
    expect(checks()).toHaveLength(ids.length);
  });

  it('checks finishing together all land in the state (no lost update)', async () => {
    const ids = ['a', 'b', 'c', 'd'];
    setUp(ids.map((id) => sampleAccount(id, { server: { ...sampleAccount(id).server, host: `${id}.example` } })));
    const done = runner.run(all);
    await flush();
    // Every reply arrives in the same tick, so the four writes race.
    for (const request of checks())
      fake.ports[0]?.ok(request.id, checkResult({ newMessages: [summary(`${request.payload.accountId}-1`)] }));
    await done;
    expect(Object.keys(stored().accounts).sort()).toEqual(ids);
    for (const id of ids) expect(stored().accounts[id]?.unseenCount).toBe(1);
  });

  it('a failed check is recorded as that account’s error; the others still succeed', async () => {
    fake.script((request, port) => {
      if (request.payload.accountId === 'bad') port.fail(request.id, 'AUTH_FAILED', 'wrong password');
      else port.ok(request.id, checkResult({ stateToken: 'fresh' }));
    });
    setUp([sampleAccount('good'), sampleAccount('bad')]);
    const snapshot = await runner.run(all);
    expect(snapshot.state.accounts.bad).toMatchObject({
      error: { code: 'AUTH_FAILED' },
      failures: 1,
      lastCheckAt: 5000,
    });
    expect(snapshot.state.accounts.good).toMatchObject({ stateToken: 'fresh', lastSuccessAt: 5000 });
    expect(batches).toHaveLength(1);
  });

  it('a missing host is recorded for every account of the batch', async () => {
    fake.script((_request, port) => queueMicrotask(() => port.close('Specified native messaging host not found.')));
    setUp([sampleAccount('a'), sampleAccount('b')]);
    const snapshot = await runner.run(all);
    expect(snapshot.state.accounts.a?.error?.code).toBe('HOST_NOT_FOUND');
    expect(snapshot.state.accounts.b?.error?.code).toBe('HOST_NOT_FOUND');
  });

  it('an account being checked is not checked again by a second batch, which waits for it', async () => {
    setUp([sampleAccount('a')]);
    const first = runner.run(all);
    await flush();
    const second = runner.run(all);
    await flush();
    expect(checks()).toHaveLength(1);
    fake.ports[0]?.ok(checks()[0]?.id ?? '', checkResult({ count: 3 }));
    const [one, two] = await Promise.all([first, second]);
    expect(one.state.accounts.a?.count).toBe(3);
    expect(two.state.accounts.a?.count).toBe(3);
    expect(fake.ports).toHaveLength(1);
  });

  it('opens no port and refreshes nothing when nothing is due', async () => {
    setUp([sampleAccount('a')]);
    await runner.run(() => []);
    expect(fake.ports).toHaveLength(0);
    // Nothing was checked, so nothing changed: no alarm re-sync, no badge redraw.
    expect(batches).toHaveLength(0);
  });
});
