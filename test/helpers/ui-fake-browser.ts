import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import type { UiMessage, UiReply } from '../../src/ui-messages';

/**
 * A tiny in-memory stand-in for the parts of `browser` the popup and options page use:
 * storage.local (with onChanged), runtime.sendMessage, runtime.openOptionsPage and i18n (reading
 * the real _locales files, English unless a test picks another language).
 * Tests use it through `vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'))`.
 */
type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

const store = new Map<string, unknown>();
const listeners = new Set<ChangeListener>();

/** What the fake background answers; tests replace it per case. */
let reply: (message: UiMessage) => UiReply | Promise<UiReply> = () => ({ ok: true, result: null });

export const sent: UiMessage[] = [];

type Catalog = Record<string, { message: string }>;
const readCatalog = (language: string): Catalog =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../src/_locales/${language}/messages.json`), 'utf8'),
  ) as Catalog;
const english = readCatalog('en');
let catalog = english;
let language = 'en-US';

/** As browsers do: the language's text, else the default locale's, with $1…$9 substituted. */
function getMessage(key: string, substitutions?: string | string[]): string {
  if (key === '@@bidi_dir') return 'ltr';
  const text = catalog[key]?.message ?? english[key]?.message ?? '';
  const values = substitutions === undefined ? [] : [substitutions].flat();
  return text.replace(/\$(\d)/g, (_match, n: string) => values[Number(n) - 1] ?? '');
}

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
  i18n: {
    getMessage: vi.fn(getMessage),
    getUILanguage: () => language,
  },
};

export default fake;

export function answerWith(handler: typeof reply): void {
  reply = handler;
}

/** Switches the UI language ("es"); call resetUiLanguage() from src/ui/i18n after it. */
export function useLanguage(code: 'en' | 'es'): void {
  catalog = readCatalog(code);
  language = code === 'en' ? 'en-US' : code;
}

/** Fresh storage, no messages, English, and a background that says yes to everything. */
export function resetFakeBrowser(): void {
  useLanguage('en');
  store.clear();
  listeners.clear();
  sent.length = 0;
  reply = () => ({ ok: true, result: null });
  fake.runtime.sendMessage.mockClear();
  fake.runtime.openOptionsPage.mockClear();
}
