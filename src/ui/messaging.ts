import browser from '../browser';
import type { UiMessage, UiReply } from '../ui-messages';

/**
 * Sends one message to the background and always resolves with a UiReply: a failure to deliver
 * (background not running, extension reloaded) becomes an INTERNAL error the UI can show.
 */
export async function send<T = unknown>(message: UiMessage): Promise<UiReply<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as UiReply<T> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: { code: 'INTERNAL', message: '' } };
  } catch {
    // The browser's own text may be anything (and is English): the code's own message says it.
    return { ok: false, error: { code: 'INTERNAL', message: '' } };
  }
}

export function openOptions(): void {
  void browser.runtime.openOptionsPage();
}
