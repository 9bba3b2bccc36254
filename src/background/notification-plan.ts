import type { Account, QuietHours } from '../shared/account';
import type { MessageSummary } from '../shared/mail';
import type { Settings } from '../storage/settings';
import type { Texts } from './texts';

/**
 * Pure notification decisions: whether new mail of one account may be announced now, and what
 * the announcement says. notifier.ts shows it; check-runner.ts decides which mail is new.
 */

/** New mail of one account from one check, already past the rules and never notified before. */
export interface NewMail {
  accountId: string;
  /** Summaries to announce, newest first. */
  messages: MessageSummary[];
  /** New messages the host counted but did not summarise (beyond its limit). */
  unsummarised: number;
  /** A rule marked at least one of them "important". */
  important: boolean;
}

export interface NotifyContext {
  now: number;
  /** Local minutes since midnight at `now` (the caller owns the time zone). */
  minutesOfDay: number;
  /** The machine is idle or locked. */
  idle: boolean;
}

export type Silence = 'off' | 'account-off' | 'paused' | 'idle' | 'quiet-hours' | 'nothing-new';

export interface NotificationPlan {
  id: string;
  title: string;
  message: string;
  /** Keep it on screen until the user acts (Chrome's requireInteraction) and raise its priority. */
  important: boolean;
}

const ID_PREFIX = 'popbiff-mail:';
/** Senders named in a "several messages" notification before "and others". */
const SENDERS_SHOWN = 3;

/** One id per account: a newer notification replaces the older one, and a click knows its account. */
export const notificationId = (accountId: string): string => `${ID_PREFIX}${accountId}`;

export function accountIdFromNotification(id: string): string | undefined {
  return id.startsWith(ID_PREFIX) ? id.slice(ID_PREFIX.length) : undefined;
}

/** Why no notification may be shown now, or undefined when one may. */
export function silence(settings: Settings, account: Account, mail: NewMail, ctx: NotifyContext): Silence | undefined {
  if (mail.messages.length + mail.unsummarised === 0) return 'nothing-new';
  if (!settings.notifications) return 'off';
  if (account.notify === false) return 'account-off';
  if (settings.pauseNotificationsUntil !== undefined && ctx.now < settings.pauseNotificationsUntil) return 'paused';
  if (settings.muteWhenIdle && ctx.idle) return 'idle';
  if (account.quietHours && inQuietHours(account.quietHours, ctx.minutesOfDay)) return 'quiet-hours';
  return undefined;
}

/** Whether `minutes` (since local midnight) falls in the span; a span past midnight wraps. */
export function inQuietHours(quiet: QuietHours, minutes: number): boolean {
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

function clockMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** What the notification says, in the UI's language (`texts`). */
export function notificationPlan(account: Account, mail: NewMail, texts: Texts): NotificationPlan {
  const total = mail.messages.length + mail.unsummarised;
  const first = mail.messages[0];
  const base = { id: notificationId(account.id), important: mail.important };
  if (total === 1 && first) {
    const subject = first.subject.trim() || texts.say('popup_noSubject');
    return { ...base, title: `${account.name}: ${senderOf(first, texts)}`, message: subject };
  }
  const title = texts.count('notify_newMessages', total, [account.name, total]);
  return { ...base, title, message: sendersLine(mail.messages, total, texts) };
}

function senderOf(message: MessageSummary, texts: Texts): string {
  return message.from.name.trim() || message.from.address.trim() || texts.say('popup_unknownSender');
}

function sendersLine(messages: readonly MessageSummary[], total: number, texts: Texts): string {
  const senders = [...new Set(messages.map((message) => senderOf(message, texts)))];
  if (senders.length === 0) return texts.say('notify_openPopbiff');
  const shown = senders.slice(0, SENDERS_SHOWN).join(', ');
  const others = senders.length > SENDERS_SHOWN || messages.length < total;
  return texts.say(others ? 'notify_fromOthers' : 'notify_from', [shown]);
}

/** "Until tomorrow" ends at this local hour of the next day: morning, not midnight. */
export const TOMORROW_HOUR = 8;
const HOUR_MS = 3_600_000;

/** When a pause ends (epoch ms), or undefined for "resume now". */
export function pauseUntil(duration: 'hour' | 'tomorrow' | 'resume', now: number): number | undefined {
  if (duration === 'resume') return undefined;
  if (duration === 'hour') return now + HOUR_MS;
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1, TOMORROW_HOUR).getTime();
}

/** Local minutes since midnight; the one place notification code reads the time zone. */
export function localMinutesOfDay(now: number): number {
  const date = new Date(now);
  return date.getHours() * 60 + date.getMinutes();
}
