import { describe, expect, it } from 'vitest';
import { STATE_VERSION, type AccountState, type ExtensionState } from '../../../src/storage/account-state';
import { EMPTY_ACCOUNT_STATE } from '../../../src/storage/empty-state';
import {
  DUE_SLACK_MS,
  MAX_BACKOFF_FACTOR,
  alarmChanges,
  alarmName,
  backoffMs,
  desiredAlarms,
  dueAccounts,
  isDue,
  floorHold,
  nextCheckAt,
  periodMinutes,
  wakeAccounts,
} from '../../../src/background/scheduler';
import { intervalPlan, jitterMs } from '../../../src/shared/check-interval';
import { sampleAccount, sampleSettings } from '../../helpers/fake-browser';

const MIN = 60_000;
const T0 = 1_700_000_000_000;
const stateOf = (accounts: Record<string, Partial<AccountState>>): ExtensionState => ({
  version: STATE_VERSION,
  accounts: Object.fromEntries(Object.entries(accounts).map(([id, s]) => [id, { ...EMPTY_ACCOUNT_STATE, ...s }])),
});
const authFailed = { code: 'AUTH_FAILED' as const, message: 'no' };
const timeout = { code: 'TIMEOUT' as const, message: 'slow' };

describe('scheduler', () => {
  it('wants one periodic alarm per enabled account, at its interval', () => {
    const settings = sampleSettings([
      sampleAccount('a', { intervalMinutes: 7 }),
      sampleAccount('b', { enabled: false }),
      sampleAccount('c'),
    ]);
    expect(desiredAlarms(settings, stateOf({}))).toMatchObject([
      { name: 'check:a', periodInMinutes: 7 },
      { name: 'check:c', periodInMinutes: 5 },
    ]);
  });

  it("never checks more often than the server's LOGIN-DELAY", () => {
    const account = sampleAccount('a', { intervalMinutes: 5 });
    expect(periodMinutes(account, { ...EMPTY_ACCOUNT_STATE, loginDelaySeconds: 900 })).toBe(16);
    expect(periodMinutes(account, { ...EMPTY_ACCOUNT_STATE, loginDelaySeconds: 61 })).toBe(5);
    expect(desiredAlarms(sampleSettings([account]), stateOf({ a: { loginDelaySeconds: 1201 } }))).toMatchObject([
      { name: 'check:a', periodInMinutes: 22 },
    ]);
  });

  it('a wrong password is not retried by alarms until the user acts', () => {
    const account = sampleAccount('a');
    const state = stateOf({ a: { error: authFailed, failures: 1, lastCheckAt: T0 } });
    expect(desiredAlarms(sampleSettings([account]), state)).toEqual([]);
    expect(nextCheckAt(account, state.accounts.a ?? EMPTY_ACCOUNT_STATE)).toBe(Number.POSITIVE_INFINITY);
    expect(dueAccounts(sampleSettings([account]), state, T0 + 1000 * MIN)).toEqual([]);
  });

  it('backs off exponentially from the interval, capped at eight intervals', () => {
    expect([1, 2, 3, 4, 5, 10].map((failures) => backoffMs(5, failures) / MIN)).toEqual([5, 10, 20, 40, 40, 40]);
    expect(backoffMs(5, 50)).toBe(5 * MIN * MAX_BACKOFF_FACTOR);
  });

  it('a failing account is due only once its backoff has passed', () => {
    const account = sampleAccount('a', { intervalMinutes: 5 });
    const state: AccountState = { ...EMPTY_ACCOUNT_STATE, error: timeout, failures: 3, lastCheckAt: T0 };
    expect(isDue(account, state, T0 + 15 * MIN)).toBe(false);
    expect(isDue(account, state, T0 + 20 * MIN)).toBe(true);
  });

  it("honours the server's retryAfter when it is later than the backoff", () => {
    const account = sampleAccount('a', { intervalMinutes: 5 });
    const state: AccountState = {
      ...EMPTY_ACCOUNT_STATE,
      error: { ...timeout, retryAfter: T0 + 60 * MIN },
      failures: 1,
      lastCheckAt: T0,
    };
    expect(nextCheckAt(account, state)).toBe(T0 + 60 * MIN);
    expect(isDue(account, state, T0 + 30 * MIN)).toBe(false);
  });

  it('a healthy account is due one period after its last check, with slack for alarm jitter', () => {
    const account = sampleAccount('a', { intervalMinutes: 5 });
    const state: AccountState = { ...EMPTY_ACCOUNT_STATE, lastCheckAt: T0 };
    expect(isDue(account, state, T0 + MIN)).toBe(false);
    expect(isDue(account, state, T0 + 5 * MIN - DUE_SLACK_MS)).toBe(true);
    expect(isDue(account, EMPTY_ACCOUNT_STATE, T0)).toBe(true);
  });

  it('a disabled account is never due', () => {
    expect(isDue(sampleAccount('a', { enabled: false }), EMPTY_ACCOUNT_STATE, T0)).toBe(false);
  });

  it('alarm changes keep matching alarms, replace changed periods and clear stale ones', () => {
    const existing = [
      { name: 'check:a', periodInMinutes: 5 },
      { name: 'check:b', periodInMinutes: 5 },
      { name: 'check:gone', periodInMinutes: 5 },
      { name: 'unrelated', periodInMinutes: 1 },
    ];
    const desired = [
      { name: 'check:a', periodInMinutes: 5, jitterMs: 0 },
      { name: 'check:b', periodInMinutes: 15, jitterMs: 7 },
      { name: alarmName('c'), periodInMinutes: 5, jitterMs: 9 },
    ];
    expect(alarmChanges(existing, desired)).toEqual({
      create: [
        { name: 'check:b', periodInMinutes: 15, jitterMs: 7 },
        { name: 'check:c', periodInMinutes: 5, jitterMs: 9 },
      ],
      clear: ['check:gone'],
    });
  });

  it("explains the interval it uses: the user's, or the server's LOGIN-DELAY when longer", () => {
    const account = sampleAccount('a', { intervalMinutes: 5 });
    expect(intervalPlan(account, EMPTY_ACCOUNT_STATE)).toMatchObject({ periodMinutes: 5, reason: 'user' });
    // One minute over the floor: a check stamped as it ends must not push the next alarm inside it.
    expect(intervalPlan(account, { ...EMPTY_ACCOUNT_STATE, loginDelaySeconds: 900 })).toMatchObject({
      periodMinutes: 16,
      reason: 'login-delay',
    });
  });

  it('never checks a provider’s server more often than the provider accepts, and says whose rule it is', () => {
    const webde = sampleAccount('w', {
      intervalMinutes: 5,
      server: { ...sampleAccount('w').server, host: 'pop3.web.de', username: 'ann' },
    });
    expect(intervalPlan(webde, EMPTY_ACCOUNT_STATE)).toMatchObject({
      periodMinutes: 16,
      reason: 'provider',
      providerName: 'WEB.DE',
    });
    expect(intervalPlan({ ...webde, intervalMinutes: 30 }, EMPTY_ACCOUNT_STATE)).toMatchObject({
      periodMinutes: 30,
      reason: 'user',
    });
    // Asked for exactly the floor: the user's choice, only the margin added (no note to show).
    expect(intervalPlan({ ...webde, intervalMinutes: 15 }, EMPTY_ACCOUNT_STATE)).toMatchObject({
      periodMinutes: 16,
      reason: 'user',
    });
    expect(intervalPlan(webde, { ...EMPTY_ACCOUNT_STATE, loginDelaySeconds: 1800 })).toMatchObject({
      periodMinutes: 31,
      reason: 'login-delay',
    });
    const desired = desiredAlarms(sampleSettings([webde]), stateOf({}));
    expect(desired.map((alarm) => alarm.periodInMinutes)).toEqual([16]);
  });

  it('never signs in inside a server’s floor, neither on an early alarm nor when the network returns', () => {
    const webde = sampleAccount('w', {
      intervalMinutes: 5,
      server: { ...sampleAccount('w').server, host: 'pop3.web.de', username: 'ann' },
    });
    const checked = { ...EMPTY_ACCOUNT_STATE, lastCheckAt: T0 };
    // The alarms' slack (DUE_SLACK_MS) never reaches back inside the 15 minutes...
    expect(isDue(webde, checked, T0 + 15 * MIN - 15_000)).toBe(false);
    // ...but still lets an alarm a little early check once the floor is behind it.
    expect(isDue(webde, checked, T0 + 16 * MIN - 15_000)).toBe(true);
    const other = sampleAccount('o');
    const timedOut = { ...checked, error: timeout, failures: 1 };
    const woken = wakeAccounts(
      sampleSettings([webde, other]),
      stateOf({ w: timedOut, o: timedOut }),
      T0 + MIN,
      'online',
    );
    expect(woken.map((account) => account.id)).toEqual(['o']);
  });

  it('holds "Check now" back until the provider’s minimum has passed since the last check, and says whose rule it is', () => {
    const webde = sampleAccount('w', {
      intervalMinutes: 5,
      server: { ...sampleAccount('w').server, host: 'pop3.web.de', username: 'ann' },
    });
    const checked = { ...EMPTY_ACCOUNT_STATE, lastCheckAt: T0 };
    expect(floorHold(webde, checked, T0 + 14 * MIN)).toEqual({
      accountId: 'w',
      until: T0 + 15 * MIN,
      minutes: 15,
      reason: 'provider',
      providerName: 'WEB.DE',
    });
    expect(floorHold(webde, checked, T0 + 15 * MIN)).toBeUndefined();
    // Never checked (or checked long ago): nothing to wait for.
    expect(floorHold(webde, EMPTY_ACCOUNT_STATE, T0)).toBeUndefined();
    // A failed check signed in too, as far as the server is concerned: it counts.
    const failed = { ...checked, error: timeout, failures: 1 };
    expect(floorHold(webde, failed, T0 + MIN)?.until).toBe(T0 + 15 * MIN);
  });

  it('holds "Check now" back for the server’s LOGIN-DELAY, but never for the user’s own interval', () => {
    const account = sampleAccount('a', { intervalMinutes: 60 });
    const checked = { ...EMPTY_ACCOUNT_STATE, lastCheckAt: T0 };
    expect(floorHold(account, checked, T0 + MIN)).toBeUndefined();
    expect(floorHold(account, { ...checked, loginDelaySeconds: 300 }, T0 + MIN)).toMatchObject({
      until: T0 + 5 * MIN,
      reason: 'login-delay',
      minutes: 5,
    });
  });

  it('jitter is fixed per account, differs between accounts and stays under 10% of the period and a minute', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `account-${i}`);
    const offsets = ids.map((id) => jitterMs(id, 5));
    expect(ids.map((id) => jitterMs(id, 5))).toEqual(offsets);
    expect(new Set(offsets).size).toBeGreaterThan(30);
    for (const offset of offsets) expect(offset).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(30_000);
    expect(Math.max(...ids.map((id) => jitterMs(id, 1440)))).toBeLessThan(60_000);
    expect(Math.max(...ids.map((id) => jitterMs(id, 1)))).toBeLessThan(6_000);
  });

  it('after waking, checks what fell due while asleep, and nothing else', () => {
    const settings = sampleSettings([
      sampleAccount('late'),
      sampleAccount('fresh'),
      sampleAccount('off', { enabled: false }),
    ]);
    const state = stateOf({
      late: { lastCheckAt: T0 },
      fresh: { lastCheckAt: T0 + 60 * MIN },
      off: { lastCheckAt: T0 },
    });
    expect(wakeAccounts(settings, state, T0 + 61 * MIN, 'active').map((a) => a.id)).toEqual(['late']);
  });

  it('when the network returns, a network failure is retried at once despite its backoff; a wrong password is not', () => {
    const settings = sampleSettings([sampleAccount('net'), sampleAccount('auth'), sampleAccount('busy')]);
    const state = stateOf({
      net: { error: { code: 'CONNECT_FAILED', message: 'x' }, failures: 3, lastCheckAt: T0 },
      auth: { error: authFailed, failures: 1, lastCheckAt: T0 },
      busy: { error: { code: 'IN_USE', message: 'x' }, failures: 1, lastCheckAt: T0 },
    });
    expect(wakeAccounts(settings, state, T0 + MIN, 'active')).toEqual([]);
    expect(wakeAccounts(settings, state, T0 + MIN, 'online').map((a) => a.id)).toEqual(['net']);
  });

  it('certificate problems and [SYS/PERM] stop the account like a wrong password', () => {
    for (const code of ['CERT_UNTRUSTED', 'SERVER_PERMANENT'] as const) {
      const state = stateOf({ a: { error: { code, message: 'x' }, failures: 1, lastCheckAt: T0 } });
      expect(desiredAlarms(sampleSettings([sampleAccount('a')]), state)).toEqual([]);
      expect(wakeAccounts(sampleSettings([sampleAccount('a')]), state, T0 + 1000 * MIN, 'online')).toEqual([]);
    }
  });
});
