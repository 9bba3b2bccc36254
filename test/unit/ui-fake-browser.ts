import { vi } from 'vitest';
import type { UiMessage, UiReply } from '../../src/background/messages';

/**
 * A tiny in-memory stand-in for the parts of `browser` the popup and options page use:
 * storage.local (with onChanged), runtime.sendMessage and runtime.openOptionsPage.
 * Tests use it through `vi.mock('../../src/browser', () => import('./ui-fake-browser'))`.
 */
type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

const store = new Map<string, unknown>();
const listeners = new Set<ChangeListener>();

/** What the fake background answers; tests replace it per case. */
let reply: (message: UiMessage) => UiReply | Promise<UiReply> = () => ({ ok: true, result: null });

export const sent: UiMessage[] = [];

const fake = {
  storage: {
    local: {
      async get(keys: string[]): Promise<Record<string, unknown>> {
        const result: Record<string, unknown> = {};
        for (const key of keys) if (store.has(key)) result[key] = structuredClone(store.get(key));
        return result;
      },
      async set(items: Record<string, unknown>): Promise<void> {
        const changes: Record<string, { newValue?: unknown }> = {};
        for (const [key, value] of Object.entries(items)) {
          store.set(key, structuredClone(value));
          changes[key] = { newValue: value };
        }
        for (const listener of listeners) listener(changes, 'local');
      },
    },
    onChanged: {
      addListener: (listener: ChangeListener) => void listeners.add(listener),
      removeListener: (listener: ChangeListener) => void listeners.delete(listener),
    },
  },
  runtime: {
    sendMessage: vi.fn(async (message: UiMessage) => {
      sent.push(message);
      return reply(message);
    }),
    openOptionsPage: vi.fn(async () => undefined),
  },
};

export default fake;

export function answerWith(handler: typeof reply): void {
  reply = handler;
}

/** Fresh storage, no messages, and a background that says yes to everything. */
export function resetFakeBrowser(): void {
  store.clear();
  listeners.clear();
  sent.length = 0;
  reply = () => ({ ok: true, result: null });
  fake.runtime.sendMessage.mockClear();
  fake.runtime.openOptionsPage.mockClear();
}
