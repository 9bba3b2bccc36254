import type { AccountState, ExtensionState } from '../storage/account-state';
import { ERROR_TABLE } from '../shared/errors';
import type { Account } from '../shared/account';
import type { Settings } from '../storage/settings';
import { intervalFloor, intervalPlan } from '../shared/check-interval';
import type { CheckHold } from '../ui-messages';
import { accountState } from './mail-state';

/**
 * Pure scheduling decisions: which alarms should exist and which accounts are due, from the
 * settings, the state and the time. The shell (alarms.ts, check-runner.ts) carries them out.
 */

export const ALARM_PREFIX = 'check:';
/** A one-off alarm that checks every enabled account that is not stopped. */
export const CHECK_ALL_ALARM = 'check-all';

/** Backoff grows from the interval by doubling, up to this many intervals. */
export const MAX_BACKOFF_FACTOR = 8;

/**
 * Alarms fire a little early or late and a check takes seconds, so "due" allows this much
 * slack; without it a check finishing after its alarm would make the next alarm skip.
 */
export const DUE_SLACK_MS = 20_000;

const MINUTE_MS = 60_000;

export interface AlarmSpec {
  name: string;
  periodInMinutes: number;
  /** Added to the first firing only: it sets the alarm's phase, so accounts don't fire together. */
  jitterMs: number;
}

/**
 * Errors that say only "the network was away": when it comes back (the `online` event), their
 * backoff is pointless and the account is checked at once.
 */
const NETWORK_ERRORS: ReadonlySet<string> = new Set(['CONNECT_FAILED', 'TIMEOUT', 'TLS_FAILED', 'HOST_TIMEOUT']);

export const alarmName = (accountId: string): string => `${ALARM_PREFIX}${accountId}`;

export function accountIdFromAlarm(name: string): string | undefined {
  return name.startsWith(ALARM_PREFIX) ? name.slice(ALARM_PREFIX.length) : undefined;
}

/** A stopped account waits for the user: retrying cannot help (e.g. a wrong password). */
export function isStopped(state: AccountState): boolean {
  return state.error !== undefined && ERROR_TABLE[state.error.code].retry === 'stop';
}

/** The check period in minutes: the user's interval, never below the server's LOGIN-DELAY (RFC 2449 §6.5). */
export function periodMinutes(account: Account, state: AccountState): number {
  return intervalPlan(account, state).periodMinutes;
}

/** Wait after `failures` retryable failures in a row: the period, doubled each time, capped. */
export function backoffMs(periodMin: number, failures: number): number {
  const factor = Math.min(2 ** Math.max(0, failures - 1), MAX_BACKOFF_FACTOR);
  return periodMin * MINUTE_MS * factor;
}

/** Epoch ms from which the account may be checked by an alarm; Infinity while stopped. */
export function nextCheckAt(account: Account, state: AccountState): number {
  if (isStopped(state)) return Number.POSITIVE_INFINITY;
  if (state.lastCheckAt === undefined) return 0;
  const period = periodMinutes(account, state);
  if (state.error === undefined) return state.lastCheckAt + period * MINUTE_MS;
  const backoffUntil = state.lastCheckAt + backoffMs(period, state.failures);
  return Math.max(backoffUntil, state.error.retryAfter ?? 0);
}

export function isDue(account: Account, state: AccountState, now: number): boolean {
  if (!account.enabled || now + DUE_SLACK_MS < nextCheckAt(account, state)) return false;
  // The slack bends the user's rhythm, never the server's floor: that sign-in would be refused.
  return floorHold(account, state, now) === undefined;
}

export function dueAccounts(settings: Settings, state: ExtensionState, now: number): Account[] {
  return settings.accounts.filter((account) => isDue(account, accountState(state, account.id), now));
}

/** Enabled accounts an unattended check may touch: everything but the stopped ones. */
export function checkableAccounts(settings: Settings, state: ExtensionState): Account[] {
  return settings.accounts.filter((account) => account.enabled && !isStopped(accountState(state, account.id)));
}

/** One periodic alarm per enabled account that is not stopped. */
export function desiredAlarms(settings: Settings, state: ExtensionState): AlarmSpec[] {
  return checkableAccounts(settings, state).map((account) => {
    const plan = intervalPlan(account, accountState(state, account.id));
    return { name: alarmName(account.id), periodInMinutes: plan.periodMinutes, jitterMs: plan.jitterMs };
  });
}

/**
 * Whether a check must wait, and until when: never sooner after the last check than the server's
 * floor (its LOGIN-DELAY, or the provider's minimum such as WEB.DE's 15 min), since a server
 * refuses such sign-ins, some as if the password were wrong. This holds every check, the user's
 * "Check now" included; the user's own interval does not hold a manual check back. Undefined:
 * check now.
 */
export function floorHold(account: Account, state: AccountState, now: number): CheckHold | undefined {
  const floor = intervalFloor(account, state);
  if (floor === undefined || state.lastCheckAt === undefined) return undefined;
  const until = state.lastCheckAt + floor.minutes * MINUTE_MS;
  return now < until ? { accountId: account.id, until, ...floor } : undefined;
}

export type WakeReason = 'startup' | 'active' | 'online';

/**
 * Accounts to check when the machine wakes or the network returns: whatever fell due meanwhile
 * (alarms do not queue up while asleep), and on `online` also those backing off from a network
 * error, which only the missing network caused.
 */
export function wakeAccounts(settings: Settings, state: ExtensionState, now: number, reason: WakeReason): Account[] {
  return settings.accounts.filter((account) => {
    const s = accountState(state, account.id);
    if (isDue(account, s, now)) return true;
    if (reason !== 'online' || !account.enabled || s.error === undefined) return false;
    // A timeout may have come after the sign-in, so even these wait for the floor.
    return NETWORK_ERRORS.has(s.error.code) && floorHold(account, s, now) === undefined;
  });
}

export interface AlarmChanges {
  create: AlarmSpec[];
  clear: string[];
}

/**
 * What to change so the account alarms match `desired`. An alarm already there with the right
 * period is left alone: re-creating it would restart its timer on every settings change.
 */
export function alarmChanges(
  existing: readonly { name: string; periodInMinutes?: number | undefined }[],
  desired: readonly AlarmSpec[],
): AlarmChanges {
  const current = new Map(
    existing.filter((a) => a.name.startsWith(ALARM_PREFIX)).map((a) => [a.name, a.periodInMinutes]),
  );
  const wanted = new Set(desired.map((spec) => spec.name));
  return {
    create: desired.filter((spec) => current.get(spec.name) !== spec.periodInMinutes),
    clear: [...current.keys()].filter((name) => !wanted.has(name)),
  };
}
