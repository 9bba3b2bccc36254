import browser from '../browser';
import type { UiMessage, UiReply } from '../background/messages';
import { ERROR_TABLE } from '../shared/errors';

/**
 * Sends one message to the background and always resolves with a UiReply: a failure to deliver
 * (background not running, extension reloaded) becomes an INTERNAL error the UI can show.
 */
export async function send<T = unknown>(message: UiMessage): Promise<UiReply<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as UiReply<T> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: { code: 'INTERNAL', message: 'The background sent no answer.' } };
  } catch {
    // The browser's own text may be anything; the table's message is safe to show.
    return { ok: false, error: { code: 'INTERNAL', message: ERROR_TABLE.INTERNAL.message } };
  }
}

export function openOptions(): void {
  void browser.runtime.openOptionsPage();
}
