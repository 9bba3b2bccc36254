import type { Account } from './account';
import { minIntervalForServer } from './providers';

/**
 * How often an account is checked, and its fixed offset: pure, shared by the background's
 * scheduler and the options page, which says "every 15 min: the server asks".
 */

const MINUTE_MS = 60_000;

/** Jitter stays below this share of the period and below MAX_JITTER_MS. */
const JITTER_SHARE = 0.1;
const MAX_JITTER_MS = 60_000;

/** The interval actually used and why, so the options page can say "every 15 min: the server asks". */
export interface IntervalPlan {
  periodMinutes: number;
  /** `login-delay`: the server's CAPA LOGIN-DELAY; `provider`: the provider's known minimum (ISPDB). */
  reason: 'user' | 'login-delay' | 'provider';
  /** The provider's name when `reason` is `provider`. */
  providerName?: string;
  jitterMs: number;
}

/**
 * A period set by the server's floor is this much longer than the floor: a check is stamped when
 * it ends, seconds after its alarm, so an alarm exactly one floor later would fall inside it and
 * be held back (scheduler.ts), and the account would wait a whole period more.
 */
export const FLOOR_MARGIN_MINUTES = 1;

/**
 * The longest of the user's interval, the server's LOGIN-DELAY (RFC 2449 §6.5, from the stored
 * state) and the provider's minimum for this server (plus FLOOR_MARGIN_MINUTES): checking more
 * often only earns refusals, and some providers answer them like a wrong password.
 */
export function intervalPlan(account: Account, state: { loginDelaySeconds?: number | undefined }): IntervalPlan {
  const floor = intervalFloor(account, state);
  const minutes = Math.max(account.intervalMinutes, floor ? floor.minutes + FLOOR_MARGIN_MINUTES : 0);
  const jitter = jitterMs(account.id, minutes);
  // The user's choice when it meets the floor, even if the margin stretches it by a minute.
  if (floor === undefined || account.intervalMinutes >= floor.minutes) {
    return { periodMinutes: minutes, reason: 'user', jitterMs: jitter };
  }
  const { minutes: _floor, ...why } = floor;
  return { ...why, periodMinutes: minutes, jitterMs: jitter };
}

/** The least time the server allows between two sign-ins, and who says so. */
export interface IntervalFloor {
  minutes: number;
  reason: 'login-delay' | 'provider';
  /** The provider's name when `reason` is `provider`. */
  providerName?: string;
}

/**
 * The server's floor under every check, the user's "Check now" included: the longer of its
 * LOGIN-DELAY and the provider's known minimum. Undefined when neither sets one.
 */
export function intervalFloor(
  account: Account,
  state: { loginDelaySeconds?: number | undefined },
): IntervalFloor | undefined {
  const loginDelayMinutes = Math.ceil((state.loginDelaySeconds ?? 0) / 60);
  const provider = minIntervalForServer(account.server.host);
  const providerMinutes = provider?.minutes ?? 0;
  if (loginDelayMinutes === 0 && providerMinutes === 0) return undefined;
  if (loginDelayMinutes >= providerMinutes) return { minutes: loginDelayMinutes, reason: 'login-delay' };
  return { minutes: providerMinutes, reason: 'provider', providerName: provider?.provider.name ?? '' };
}

/**
 * A fixed offset per account (FNV-1a of its id): the same after every restart, so an account's
 * rhythm is stable, yet different between accounts, so they don't all hit the host at once.
 */
export function jitterMs(accountId: string, periodMin: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i += 1) hash = Math.imul(hash ^ accountId.charCodeAt(i), 0x01000193);
  const span = Math.min(periodMin * MINUTE_MS * JITTER_SHARE, MAX_JITTER_MS);
  return (hash >>> 0) % Math.max(1, Math.floor(span));
}
