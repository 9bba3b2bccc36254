import browser, { type Runtime } from '../browser';
import { SETTINGS_KEY } from '../storage/settings';
import { toErrorInfo } from '../shared/errors';
import { platformFrom } from './platform';
import { createWorker } from './worker';

/**
 * The background's entry: listeners only, registered synchronously at top level so the browser
 * can wake the worker for any of them. Everything they do lives in worker.ts and below.
 */
const platform = platformFrom(browser);
const worker = createWorker(platform);

/**
 * Background failures have no caller to answer; they end up in the state or here. Only the code
 * is logged: an unexpected error's text could carry anything.
 */
function report(task: Promise<unknown>): void {
  task.catch((error: unknown) => console.error('Popbiff background:', toErrorInfo(error).code));
}

browser.runtime.onInstalled.addListener(() => report(worker.start()));
browser.runtime.onStartup.addListener(() => report(worker.start()));
browser.alarms.onAlarm.addListener((alarm) => report(worker.onAlarm(alarm.name)));
browser.idle.onStateChanged.addListener((state) => {
  if (state === 'active') report(worker.onWake('active'));
});
// A service worker hears the network come back on its global scope (Firefox's event page too).
self.addEventListener('online', () => report(worker.onWake('online')));
browser.commands.onCommand.addListener((command) => report(worker.onCommand(command)));
browser.notifications.onClicked.addListener((id) => report(worker.onNotificationClicked(id)));
// Firefox has no notification buttons: there the click above does it all.
if (platform.notificationButtons) {
  browser.notifications.onButtonClicked.addListener((id, index) => report(worker.onNotificationButton(id, index)));
}
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && SETTINGS_KEY in changes) report(worker.onSettingsChanged(changes[SETTINGS_KEY]?.newValue));
});
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Only our own pages talk to the background; anything else gets no answer.
  if (sender.id !== browser.runtime.id) return undefined;
  return worker.onMessage(message);
});
