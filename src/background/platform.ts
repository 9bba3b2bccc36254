/**
 * The slice of the WebExtension API the background uses, as narrow interfaces. The real
 * `browser` object satisfies them; tests pass an in-memory fake (test/helpers/fake-browser.ts).
 */
import { type I18nApi, type Texts, textsFrom } from './texts';

export interface StorageArea {
  /** null: every item. */
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Every change of this area, whoever made it (storage.local.onChanged: Chrome 73, Firefox 101). */
  onChanged: Listenable<(changes: Record<string, StorageChange>) => void>;
}

export interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

export interface AlarmInfo {
  name: string;
  periodInMinutes?: number | undefined;
}

export interface AlarmsApi {
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number; when?: number }): Promise<void>;
  getAll(): Promise<AlarmInfo[]>;
  clear(name: string): Promise<boolean>;
}

export interface ActionApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

/** The parts of a tab the background reads; `id` and `windowId` are absent for some special tabs. */
export interface TabInfo {
  id?: number | undefined;
  windowId?: number | undefined;
}

export interface TabsApi {
  create(properties: { url: string }): Promise<unknown>;
  /** Matching by `url` sees only sites the extension has host permission for. */
  query(query: { url: string }): Promise<TabInfo[]>;
  update(tabId: number, properties: { active?: boolean; url?: string }): Promise<unknown>;
}

/** Missing where the browser has no windows (Firefox for Android). */
export interface WindowsApi {
  update(windowId: number, info: { focused: boolean }): Promise<unknown>;
}

/** Optional host permissions: the options page asks for the webmail's site; here we only look. */
export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

export interface NotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  /** Chrome only (Firefox refuses what it does not know): -2 to 2. */
  priority?: number;
  /** Chrome only: stays on screen until the user acts. */
  requireInteraction?: boolean;
  /** Chrome only: Firefox has no notification buttons. */
  buttons?: { title: string }[];
}

export interface NotificationsApi {
  create(id: string, options: NotificationOptions): Promise<string>;
  clear(id: string): Promise<boolean>;
}

export type IdleState = 'active' | 'idle' | 'locked';

export interface IdleApi {
  queryState(detectionIntervalInSeconds: number): Promise<IdleState>;
}

/** `browser.identity`, present when the manifest asks for the "identity" permission. */
export interface IdentityApi {
  /** Chromium: https://<extension-id>.chromiumapp.org/<path>; Firefox: https://<hash>.extensions.allizom.org/<path>. */
  getRedirectURL(path?: string): string;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
}

interface Listenable<F> {
  addListener(callback: F): void;
}

/** A native-messaging port (runtime.Port). `error` is Firefox's disconnect reason. */
export interface NativePort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: Listenable<(message: unknown) => void>;
  onDisconnect: Listenable<(port: NativePort) => void>;
  error?: { message: string } | null | undefined;
}

export type ConnectNative = (hostName: string) => NativePort;

/** Everything the background needs from the browser, injected so tests can fake it. */
export interface Platform {
  storage: StorageArea;
  alarms: AlarmsApi;
  action: ActionApi;
  tabs: TabsApi;
  windows: WindowsApi | undefined;
  permissions: PermissionsApi;
  notifications: NotificationsApi;
  /** Whether notifications can carry buttons (feature-detected: Chrome yes, Firefox no). */
  notificationButtons: boolean;
  idle: IdleApi;
  connectNative: ConnectNative;
  /** OAuth sign-in windows (manifest permission "identity"); absent in browsers without it. */
  identity?: IdentityApi | undefined;
  /** Chromium's disconnect reason lives in `runtime.lastError`, readable only in the callback. */
  lastError: () => string | undefined;
  now: () => number;
  /** Notification and tooltip words in the UI's language. */
  texts: Texts;
}

/** The shape of `browser` this module reads; the real polyfilled object and the fake both fit. */
export interface BrowserLike {
  storage: { local: StorageArea };
  alarms: AlarmsApi;
  action: ActionApi;
  tabs: TabsApi;
  windows?: WindowsApi | undefined;
  permissions: PermissionsApi;
  notifications: NotificationsApi;
  idle: IdleApi;
  runtime: { connectNative(application: string): NativePort };
  identity?: IdentityApi | undefined;
  i18n: I18nApi;
}

interface ChromeGlobal {
  chrome?: { runtime?: { lastError?: { message?: string } | null }; notifications?: { onButtonClicked?: unknown } };
}

/** Read from `chrome` directly: the polyfill's proxy would answer for events the browser lacks. */
function hasNotificationButtons(): boolean {
  return (globalThis as ChromeGlobal).chrome?.notifications?.onButtonClicked !== undefined;
}

/**
 * Read straight from `chrome`, not through the polyfill: the polyfill caches the first object it
 * sees under a property, which would freeze `lastError` at its first value.
 */
function chromeLastError(): string | undefined {
  return (globalThis as ChromeGlobal).chrome?.runtime?.lastError?.message ?? undefined;
}

export function platformFrom(
  browser: BrowserLike,
  lastError = chromeLastError,
  now: () => number = Date.now,
): Platform {
  return {
    storage: browser.storage.local,
    alarms: browser.alarms,
    action: browser.action,
    tabs: browser.tabs,
    windows: browser.windows,
    permissions: browser.permissions,
    notifications: browser.notifications,
    notificationButtons: hasNotificationButtons(),
    idle: browser.idle,
    connectNative: (name) => browser.runtime.connectNative(name),
    identity: browser.identity,
    lastError,
    now,
    texts: textsFrom(browser.i18n),
  };
}
