import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import type { UiMessage, UiReply } from '../../src/ui-messages';
import { type Texts, textsFrom } from '../../src/background/texts';

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

/** Browsers derive @@bidi_dir from the UI language. */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

/** As browsers do: the catalog's text, else the default locale's, with $1…$9 substituted. */
function lookUp(from: Catalog, key: string, substitutions?: string | string[]): string {
  const text = from[key]?.message ?? english[key]?.message ?? '';
  const values = substitutions === undefined ? [] : [substitutions].flat();
  return text.replace(/\$(\d)/g, (_match, n: string) => values[Number(n) - 1] ?? '');
}

/** The current language's message, as `browser.i18n.getMessage` gives it. */
export function getMessage(key: string, substitutions?: string | string[]): string {
  if (key === '@@bidi_dir') return RTL_LANGUAGES.has(language.slice(0, 2)) ? 'rtl' : 'ltr';
  return lookUp(catalog, key, substitutions);
}

/** The background's words over one locale's real catalog (a _locales folder: "en", "ru"). */
export function catalogTexts(folder = 'en'): Texts {
  const fixed = readCatalog(folder);
  return textsFrom({
    getMessage: (key, substitutions) => lookUp(fixed, key, substitutions),
    getUILanguage: () => folder.replace('_', '-'),
  });
}

const fake = {
  storage: {
    local: {
      async get(keys: string[] | null): Promise<Record<string, unknown>> {
        const result: Record<string, unknown> = {};
        for (const key of keys ?? store.keys()) if (store.has(key)) result[key] = structuredClone(store.get(key));
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

/**
 * Switches the UI language (a _locales folder: "es", "pt_BR"); call resetUiLanguage() from
 * src/ui/i18n after it. `browserLanguage` is what the browser says its own UI language is, when
 * that differs from the locale shown (headless Chromium says en-US whatever it shows).
 */
export function useLanguage(code: string, browserLanguage?: string): void {
  catalog = readCatalog(code);
  language = browserLanguage ?? (code === 'en' ? 'en-US' : code.replace('_', '-'));
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
