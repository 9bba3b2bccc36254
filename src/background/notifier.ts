import { accountById } from '../storage/settings';
import type { Snapshot } from './store';
import { localMinutesOfDay, notificationPlan, silence, type NewMail, type NotificationPlan } from './notification-plan';
import type { IdleApi, NotificationOptions, NotificationsApi } from './platform';
import type { Texts } from './texts';

/** The shell around notification-plan.ts: asks the idle state, then shows (or not) one notification. */

/** The toolbar icon at the size notifications show best. */
const ICON = 'icons/popbiff-128.png';
/** "Idle" after this long without input (the idle API's own default). */
const IDLE_AFTER_SECONDS = 60;

/** Button order matters: onButtonClicked reports the index. Their labels are the preview's. */
export const NOTIFICATION_BUTTONS = ['Open', 'Dismiss'] as const;
export type NotificationButton = (typeof NOTIFICATION_BUTTONS)[number];
const BUTTON_LABELS: Record<NotificationButton, string> = { Open: 'preview_open', Dismiss: 'preview_dismiss' };

export interface NotifierDeps {
  notifications: NotificationsApi;
  buttons: boolean;
  idle: IdleApi;
  now: () => number;
  texts: Texts;
}

export function createNotifier(deps: NotifierDeps) {
  return async (mail: NewMail, { settings }: Snapshot): Promise<void> => {
    const account = accountById(settings, mail.accountId);
    if (!account) return;
    const now = deps.now();
    const idle = settings.muteWhenIdle && (await isIdle(deps.idle));
    if (silence(settings, account, mail, { now, minutesOfDay: localMinutesOfDay(now), idle })) return;
    const plan = notificationPlan(account, mail, deps.texts);
    await deps.notifications.create(plan.id, notificationOptions(plan, deps.buttons, deps.texts));
  };
}

export function notificationOptions(plan: NotificationPlan, buttons: boolean, texts: Texts): NotificationOptions {
  const base: NotificationOptions = { type: 'basic', iconUrl: ICON, title: plan.title, message: plan.message };
  // Where buttons are missing (Firefox), so are priority and requireInteraction; the click opens.
  if (!buttons) return base;
  return {
    ...base,
    priority: plan.important ? 2 : 0,
    requireInteraction: plan.important,
    buttons: NOTIFICATION_BUTTONS.map((button) => ({ title: texts.say(BUTTON_LABELS[button]) })),
  };
}

/** An idle API that fails (or is missing) must not cost the user a notification. */
async function isIdle(idle: IdleApi): Promise<boolean> {
  try {
    return (await idle.queryState(IDLE_AFTER_SECONDS)) !== 'active';
  } catch {
    return false;
  }
}
