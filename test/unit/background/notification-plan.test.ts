import { describe, expect, it } from 'vitest';
import { catalogTexts } from '../../helpers/ui-fake-browser';
import { MAX_NOTIFIED_KEPT, type AccountState } from '../../../src/storage/account-state';
import { EMPTY_ACCOUNT_STATE } from '../../../src/storage/empty-state';
import { receive } from '../../../src/background/incoming';
import { notificationOptions } from '../../../src/background/notifier';
import {
  TOMORROW_HOUR,
  accountIdFromNotification,
  inQuietHours,
  notificationId,
  notificationPlan,
  pauseUntil,
  silence,
  type NewMail,
  type NotifyContext,
} from '../../../src/background/notification-plan';
import { DEFAULT_SETTINGS } from '../../../src/storage/settings';
import type { MessageSummary } from '../../../src/shared/mail';
import { DEFAULT_RULES, type Rule } from '../../../src/shared/rules';
import { checkResult, sampleAccount, sampleSettings, summary } from '../../helpers/fake-browser';

const english = catalogTexts('en');

const at = (hours: number, minutes = 0): number => hours * 60 + minutes;
const from = (uid: string, name: string, subject = `About ${uid}`): MessageSummary => ({
  ...summary(uid),
  from: { name, address: `${name.toLowerCase()}@example.org` },
  subject,
});
const mail = (messages: MessageSummary[], extra: Partial<NewMail> = {}): NewMail => ({
  accountId: 'work',
  messages,
  unsummarised: 0,
  important: false,
  ...extra,
});
const ctx = (extra: Partial<NotifyContext> = {}): NotifyContext => ({
  now: 1_000,
  minutesOfDay: at(12),
  idle: false,
  ...extra,
});
const work = sampleAccount('work');
/** A state that has had one successful check: later mail is news. */
const checkedOnce: AccountState = { ...EMPTY_ACCOUNT_STATE, lastSuccessAt: 1, lastCheckAt: 1 };

describe('quiet hours', () => {
  it('span midnight: 22:00 to 07:00 includes 23:30 and 06:59, not 07:00 or 21:59', () => {
    const night = { from: '22:00', to: '07:00' };
    expect(inQuietHours(night, at(23, 30))).toBe(true);
    expect(inQuietHours(night, at(0, 0))).toBe(true);
    expect(inQuietHours(night, at(6, 59))).toBe(true);
    expect(inQuietHours(night, at(7, 0))).toBe(false);
    expect(inQuietHours(night, at(21, 59))).toBe(false);
    expect(inQuietHours(night, at(22, 0))).toBe(true);
  });

  it('within one day: 12:00 to 13:30', () => {
    const lunch = { from: '12:00', to: '13:30' };
    expect(inQuietHours(lunch, at(12, 45))).toBe(true);
    expect(inQuietHours(lunch, at(13, 30))).toBe(false);
    expect(inQuietHours(lunch, at(23))).toBe(false);
  });

  it('an empty span (from = to) is never quiet', () => {
    expect(inQuietHours({ from: '08:00', to: '08:00' }, at(8))).toBe(false);
  });
});

describe('whether to notify', () => {
  const news = mail([from('u1', 'Ann')]);

  it('notifies by default', () => {
    expect(silence(DEFAULT_SETTINGS, work, news, ctx())).toBeUndefined();
  });

  it('respects the global switch, the account switch, a pause, idle muting and quiet hours', () => {
    expect(silence({ ...DEFAULT_SETTINGS, notifications: false }, work, news, ctx())).toBe('off');
    expect(silence(DEFAULT_SETTINGS, { ...work, notify: false }, news, ctx())).toBe('account-off');
    expect(silence({ ...DEFAULT_SETTINGS, pauseNotificationsUntil: 2_000 }, work, news, ctx({ now: 1_999 }))).toBe(
      'paused',
    );
    expect(
      silence({ ...DEFAULT_SETTINGS, pauseNotificationsUntil: 2_000 }, work, news, ctx({ now: 2_000 })),
    ).toBeUndefined();
    expect(silence({ ...DEFAULT_SETTINGS, muteWhenIdle: true }, work, news, ctx({ idle: true }))).toBe('idle');
    expect(silence({ ...DEFAULT_SETTINGS, muteWhenIdle: false }, work, news, ctx({ idle: true }))).toBeUndefined();
    const quiet = { ...work, quietHours: { from: '22:00', to: '07:00' } };
    expect(silence(DEFAULT_SETTINGS, quiet, news, ctx({ minutesOfDay: at(1) }))).toBe('quiet-hours');
    expect(silence(DEFAULT_SETTINGS, quiet, news, ctx({ minutesOfDay: at(9) }))).toBeUndefined();
  });

  it('has nothing to say without new mail', () => {
    expect(silence(DEFAULT_SETTINGS, work, mail([]), ctx())).toBe('nothing-new');
  });

  it('"pause for an hour" and "until tomorrow" (morning, local time); resume clears', () => {
    const now = new Date(2025, 2, 10, 23, 15).getTime();
    expect(pauseUntil('hour', now)).toBe(now + 3_600_000);
    expect(pauseUntil('tomorrow', now)).toBe(new Date(2025, 2, 11, TOMORROW_HOUR).getTime());
    expect(pauseUntil('resume', now)).toBeUndefined();
  });
});

describe('what a notification says', () => {
  it('one message: the account and the sender in the title, the subject below', () => {
    expect(notificationPlan(work, mail([from('u1', 'Grace Hopper', 'A bug in relay 70')]), english)).toEqual({
      id: notificationId('work'),
      title: 'Work: Grace Hopper',
      message: 'A bug in relay 70',
      important: false,
    });
  });

  it('several: how many, and the first senders', () => {
    const five = ['Ann', 'Bob', 'Ann', 'Cy', 'Dee'].map((name, i) => from(`u${i}`, name));
    expect(notificationPlan(work, mail(five), english)).toMatchObject({
      title: 'Work: 5 new messages',
      message: 'From Ann, Bob, Cy and others',
    });
    expect(notificationPlan(work, mail(five.slice(0, 2)), english)).toMatchObject({
      title: 'Work: 2 new messages',
      message: 'From Ann, Bob',
    });
    expect(notificationPlan(work, mail(five.slice(0, 1), { unsummarised: 3 }), english)).toMatchObject({
      title: 'Work: 4 new messages',
      message: 'From Ann and others',
    });
  });

  it('zero-width, bidi and control characters of a sender never reach a notification', () => {
    const hidden = '\u200bPay\u200dPal\u202e\u061c\ufeff\u200f';
    const one = notificationPlan(work, mail([from('u1', hidden, `Invoice\u202efdp.exe\u200b\u001b[2J`)]), english);
    expect(one.title).toBe('Work: PayPal');
    expect(one.message).toBe('Invoicefdp.exe [2J');
    const several = notificationPlan(work, mail([from('u1', hidden), from('u2', 'Bob\u2066')]), english);
    expect(several.message).toBe('From PayPal, Bob');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
    for (const text of [one.title, one.message, several.message]) expect(text).not.toMatch(unsafe);
  });

  it('speaks the UI language, with the plural form the count needs (Russian: 2 письма, 5 писем)', () => {
    const russian = catalogTexts('ru');
    const senders = ['Аня', 'Борис', 'Вера', 'Глеб', 'Дина'].map((name, i) => from(`u${i}`, name));
    expect(notificationPlan(work, mail(senders.slice(0, 2)), russian)).toMatchObject({
      title: 'Work: 2 новых письма',
      message: 'От Аня, Борис',
    });
    expect(notificationPlan(work, mail(senders), russian)).toMatchObject({
      title: 'Work: 5 новых писем',
      message: 'От Аня, Борис, Вера и других',
    });
    const noSubject = { ...from('u9', ''), subject: ' ', from: { name: '', address: '' } };
    expect(notificationPlan(work, mail([noSubject]), catalogTexts('de'))).toMatchObject({
      title: 'Work: (unbekannter Absender)',
      message: '(kein Betreff)',
    });
    const plan = notificationPlan(work, mail([from('u1', 'Boss')]), russian);
    expect(notificationOptions(plan, true, russian).buttons).toEqual([{ title: 'Открыть' }, { title: 'Скрыть' }]);
  });

  it('the id names the account, so a click knows where to go', () => {
    expect(accountIdFromNotification(notificationId('home-2'))).toBe('home-2');
    expect(accountIdFromNotification('something-else')).toBeUndefined();
  });

  it('important mail stays until dismissed where the browser can (buttons, requireInteraction); Firefox gets plain options', () => {
    const plan = notificationPlan(work, mail([from('u1', 'Boss')], { important: true }), english);
    expect(notificationOptions(plan, true, english)).toMatchObject({
      priority: 2,
      requireInteraction: true,
      buttons: [{ title: 'Open' }, { title: 'Dismiss' }],
    });
    expect(notificationOptions(plan, false, english)).toEqual({
      type: 'basic',
      iconUrl: 'icons/popbiff-128.png',
      title: 'Work: Boss',
      message: 'About u1',
    });
  });
});

describe('receiving a check', () => {
  const spam: MessageSummary = { ...from('spam', 'Spammer'), headers: { 'x-spam-flag': 'YES' } };
  const rules = DEFAULT_RULES;

  it('does not count or announce ignored mail', () => {
    const result = checkResult({ newMessages: [from('u1', 'Ann'), spam] });
    const { state, mail: news } = receive(checkedOnce, { accountId: 'work', result, rules, now: 5 });
    expect(state.unseenCount).toBe(1);
    expect(state.unseen.map((m) => m.uid)).toEqual(['u1']);
    expect(news.messages.map((m) => m.uid)).toEqual(['u1']);
  });

  it('counts silent mail without announcing it; marks important mail', () => {
    const silentRule: Rule = {
      name: 's',
      match: 'any',
      conditions: [{ field: 'from', op: 'contains', value: 'newsletter' }],
      action: 'silent',
    };
    const importantRule: Rule = {
      name: 'i',
      match: 'any',
      conditions: [{ field: 'from', op: 'contains', value: 'boss' }],
      action: 'important',
    };
    const result = checkResult({ newMessages: [from('n1', 'Newsletter'), from('b1', 'Boss')] });
    const { state, mail: news } = receive(checkedOnce, {
      accountId: 'work',
      result,
      rules: [silentRule, importantRule],
      now: 5,
    });
    expect(state.unseenCount).toBe(2);
    expect(news).toMatchObject({ accountId: 'work', important: true });
    expect(news.messages.map((m) => m.uid)).toEqual(['b1']);
  });

  it('announces nothing on the first check of an account, but remembers what it counted', () => {
    const result = checkResult({ baseline: true, newMessages: [from('u1', 'Ann'), from('u2', 'Bob')] });
    const { state, mail: news } = receive(EMPTY_ACCOUNT_STATE, { accountId: 'work', result, rules, now: 5 });
    expect(state.unseenCount).toBe(2);
    expect(news.messages).toEqual([]);
    expect(state.notified).toEqual(['u1', 'u2']);
  });

  it('never announces a UID twice, even after the user dismissed it and the host reports it again', () => {
    const result = checkResult({ newMessages: [from('u1', 'Ann')] });
    const first = receive(checkedOnce, { accountId: 'work', result, rules, now: 5 });
    expect(first.mail.messages).toHaveLength(1);
    const dismissed: AccountState = { ...first.state, unseen: [], unseenCount: 0 };
    // Round-trip through JSON, as storage does across a worker or browser restart.
    const restored = JSON.parse(JSON.stringify(dismissed)) as AccountState;
    const again = receive(restored, { accountId: 'work', result, rules, now: 6 });
    expect(again.mail.messages).toEqual([]);
  });

  it('keeps the memory of notified UIDs bounded, newest first', () => {
    const old = Array.from({ length: MAX_NOTIFIED_KEPT }, (_, i) => `old-${i}`);
    const { state } = receive(
      { ...checkedOnce, notified: old },
      { accountId: 'work', result: checkResult({ newMessages: [from('new', 'Ann')] }), rules, now: 5 },
    );
    expect(state.notified).toHaveLength(MAX_NOTIFIED_KEPT);
    expect(state.notified?.[0]).toBe('new');
  });

  it('forgets announced UIDs the server no longer has; a reused UID is a new message, announced', () => {
    const remembered = { ...checkedOnce, notified: ['u2', 'u1'] };
    const { state } = receive(remembered, { accountId: 'work', result: checkResult({ gone: ['u1'] }), rules, now: 5 });
    expect(state.notified).toEqual(['u2']);
    // The server gives a new message the UID that is gone (RFC 1939 §7 allows it).
    const reused = checkResult({ newMessages: [from('u1', 'Bob')] });
    expect(receive(state, { accountId: 'work', result: reused, rules, now: 6 }).mail.messages).toHaveLength(1);
  });

  it('announces mail beyond the summaries by count', () => {
    const result = checkResult({ newCount: 30, newMessages: [from('u1', 'Ann')] });
    const { mail: news } = receive(checkedOnce, { accountId: 'work', result, rules, now: 5 });
    expect(news.unsummarised).toBe(29);
    expect(notificationPlan(work, news, english).title).toBe('Work: 30 new messages');
    expect(sampleSettings([work]).rules).toEqual(DEFAULT_RULES);
  });
});
