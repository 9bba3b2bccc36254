import { MAX_NOTIFIED_KEPT, type AccountState } from '../storage/account-state';
import type { Account } from '../shared/account';
import type { CheckResult, MessageSummary } from '../shared/mail';
import { classify, type Rule, type RuleAction } from '../shared/rules';
import type { Settings } from '../storage/settings';
import { settleDeletion } from './deletion-plan';
import { applyResult } from './mail-state';
import type { NewMail } from './notification-plan';

/**
 * A successful check meets the rules and the memory of what was already announced: ignored mail
 * is dropped before it is counted, and mail is offered for a notification at most once per UID,
 * whatever restarts happen in between (the memory is in the stored state, written with the count).
 */

export interface Received {
  state: AccountState;
  mail: NewMail;
}

/** The account's own rules first, then the global ones. */
export function rulesFor(settings: Settings, account: Account): Rule[] {
  return [...(account.rules ?? []), ...settings.rules];
}

export interface Check {
  accountId: string;
  result: CheckResult;
  rules: readonly Rule[];
  now: number;
}

export function receive(state: AccountState, { accountId, result, rules, now }: Check): Received {
  const actions = new Map(result.newMessages.map((message) => [message.uid, classify(rules, message)]));
  const counted = result.newMessages.filter((message) => actions.get(message.uid) !== 'ignore');
  const ignored = result.newMessages.length - counted.length;
  const filtered: CheckResult = { ...result, newMessages: counted, newCount: Math.max(0, result.newCount - ignored) };

  const known = new Set([...state.unseen.map((m) => m.uid), ...(state.notified ?? [])]);
  const fresh = counted.filter((message) => !known.has(message.uid));
  const next = settleDeletion(applyResult(state, filtered, now), result.gone, now);
  const notified = remembered(state.notified ?? [], fresh, result.gone);
  const firstCheck = result.baseline || state.lastSuccessAt === undefined;
  const nothing: NewMail = { accountId, messages: [], unsummarised: 0, important: false };
  // The first check of a mailbox counts what is there; none of it "arrived" (issue 4).
  const mail = firstCheck ? nothing : announcement(nothing, fresh, filtered, actions);
  return { state: { ...next, notified }, mail };
}

/**
 * The announced UIDs after this check: the fresh ones first, then those the server still has.
 * A gone UID is forgotten: if the server ever reuses it, that is another message (RFC 1939 §7
 * only promises uniqueness while the message exists), announced like any other.
 */
function remembered(before: readonly string[], fresh: readonly MessageSummary[], gone: readonly string[]): string[] {
  const goneSet = new Set(gone);
  const kept = before.filter((uid) => !goneSet.has(uid));
  return [...fresh.map((m) => m.uid), ...kept].slice(0, MAX_NOTIFIED_KEPT);
}

function announcement(
  base: NewMail,
  fresh: MessageSummary[],
  filtered: CheckResult,
  actions: Map<string, RuleAction | 'notify'>,
): NewMail {
  const messages = fresh.filter((message) => actions.get(message.uid) !== 'silent');
  return {
    ...base,
    messages,
    unsummarised: Math.max(0, filtered.newCount - filtered.newMessages.length),
    important: messages.some((message) => actions.get(message.uid) === 'important'),
  };
}
