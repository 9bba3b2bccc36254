/**
 * The background's entry (src/background/index.ts) answers runtime messages only from Popbiff's
 * own pages: `runtime.sendMessage` from another extension reaches the same listener, with that
 * extension's id in `sender.id`. The entry is loaded as the browser loads it, over a recording
 * stand-in for the browser namespace, and its message listener is called directly.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const OWN_ID = 'fidmppmkdmcmkaomfmenpmjnjnnpfncf';
const OWN_ORIGIN = `chrome-extension://${OWN_ID}/`;

type Listener = (...args: unknown[]) => unknown;

const mocks = vi.hoisted(() => {
  const listeners = new Map<string, (...args: unknown[]) => unknown>();
  /** `browser.<path>.addListener(fn)` records fn under "<path>"; every other call does nothing. */
  const namespace = (path: string): unknown =>
    new Proxy(() => undefined, {
      get: (_target, key) => {
        if (key === 'addListener') return (fn: (...args: unknown[]) => unknown) => void listeners.set(path, fn);
        if (path === 'runtime' && key === 'id') return 'fidmppmkdmcmkaomfmenpmjnjnnpfncf';
        if (path === 'runtime' && key === 'getURL')
          return (file: string) => `chrome-extension://fidmppmkdmcmkaomfmenpmjnjnnpfncf/${file}`;
        return namespace(path === '' ? String(key) : `${path}.${String(key)}`);
      },
    });
  const onMessage = vi.fn(async () => ({ ok: true }));
  return { listeners, browser: namespace(''), onMessage };
});

vi.mock('../../../src/browser', () => ({ default: mocks.browser }));
vi.mock('../../../src/background/platform', () => ({ platformFrom: () => ({ notificationButtons: false }) }));
vi.mock('../../../src/background/worker', () => ({
  createWorker: () => ({
    start: async () => undefined,
    onMessage: mocks.onMessage,
  }),
}));

let onMessage: Listener;

beforeAll(async () => {
  // A service worker's global scope, where the entry listens for "online".
  vi.stubGlobal('self', { addEventListener: () => undefined });
  await import('../../../src/background/index');
  const listener = mocks.listeners.get('runtime.onMessage');
  if (!listener) throw new Error('the background registered no runtime.onMessage listener');
  onMessage = listener;
});

beforeEach(() => mocks.onMessage.mockClear());

describe('runtime messages', () => {
  it("another extension's message gets no answer and never reaches a handler", () => {
    const reply = onMessage(
      { type: 'delete-account', accountId: 'work' },
      { id: 'other-extension-id', url: 'chrome-extension://other-extension-id/page.html' },
    );
    expect(reply).toBeUndefined();
    expect(mocks.onMessage).not.toHaveBeenCalled();
  });

  it('a message from a page of another extension is refused even when it claims our options page URL', () => {
    expect(onMessage({ type: 'check-now' }, { id: 'other-extension-id', url: `${OWN_ORIGIN}options/index.html` })).toBe(
      undefined,
    );
    expect(mocks.onMessage).not.toHaveBeenCalled();
  });

  it("Popbiff's own pages reach the handlers, the options page as the options page", async () => {
    await onMessage({ type: 'check-now' }, { id: OWN_ID, url: `${OWN_ORIGIN}popup/index.html` });
    await onMessage({ type: 'check-now' }, { id: OWN_ID, url: `${OWN_ORIGIN}options/index.html` });
    expect(mocks.onMessage.mock.calls).toEqual([
      [{ type: 'check-now' }, { fromOptionsPage: false }],
      [{ type: 'check-now' }, { fromOptionsPage: true }],
    ]);
  });
});
