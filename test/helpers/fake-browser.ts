import type { AlarmInfo, IdleState, NativePort, NotificationOptions, Platform } from '../../src/background/platform';
import { DEFAULT_SETTINGS, type Settings } from '../../src/storage/settings';
import type { ExtensionState } from '../../src/storage/account-state';
import { readState } from '../../src/storage/read-state';
import { stateWrite } from '../../src/storage/state-layout';
import type { Account } from '../../src/shared/account';
import type { CheckResult, MessageSummary } from '../../src/shared/mail';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { catalogTexts } from './ui-fake-browser';

/**
 * An in-memory stand-in for the parts of the WebExtension API the background uses: storage.local
 * (with onChanged), alarms, the action badge, tabs (create, query by match pattern, update),
 * windows.update, permissions.contains and runtime.connectNative returning a scriptable fake
 * port. No timers of its own: tests drive time with vi.useFakeTimers.
 */

type Listener<A extends unknown[]> = (...args: A) => void;

class FakeEvent<A extends unknown[]> {
  readonly listeners: Listener<A>[] = [];
  addListener(listener: Listener<A>): void {
    this.listeners.push(listener);
  }
  emit(...args: A): void {
    for (const listener of this.listeners) listener(...args);
  }
}

type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;

/**
 * storage.local's items. A test that sets or deletes one directly plays another writer, as the
 * browser reports one: with a change event (the background's store drops its copy on it).
 */
export class StorageItems extends Map<string, unknown> {
  constructor(private readonly changed: (changes: StorageChanges) => void) {
    super();
  }

  override set(key: string, value: unknown): this {
    this.write({ [key]: value });
    return this;
  }

  override delete(key: string): boolean {
    const had = this.has(key);
    const oldValue = this.get(key);
    super.delete(key);
    if (had) this.changed({ [key]: { oldValue } });
    return had;
  }

  /** One `get` call (null: every item), as copies: what a browser hands out is never what it keeps. */
  read(key: string | null): Record<string, unknown> {
    if (key === null) return structuredClone(Object.fromEntries(this));
    return this.has(key) ? { [key]: structuredClone(this.get(key)) } : {};
  }

  /** One `remove` call: the items gone, then one change event naming them. */
  remove(keys: string[]): void {
    const changes: StorageChanges = {};
    for (const key of keys) {
      if (!this.has(key)) continue;
      changes[key] = { oldValue: this.get(key) };
      super.delete(key);
    }
    if (Object.keys(changes).length > 0) this.changed(changes);
  }

  /** The state the items hold, as the background reads it. */
  state(): ExtensionState {
    return readState(Object.fromEntries(this));
  }

  /** Stores `state` as the background would, in one write (another writer's, to the background). */
  setState(state: ExtensionState): void {
    this.write(stateWrite(state, undefined).items);
  }

  /** One `set` call: every item stored, then one change event naming them all. */
  write(items: Record<string, unknown>): void {
    const changes: StorageChanges = {};
    for (const [key, value] of Object.entries(items)) {
      changes[key] = { oldValue: this.get(key), newValue: structuredClone(value) };
      super.set(key, structuredClone(value));
    }
    this.changed(changes);
  }
}

export interface HostRequest {
  v: number;
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** What the scripted host does with one request: reply now, or nothing (answer later by hand). */
export type HostScript = (request: HostRequest, port: FakePort) => void;

export class FakePort implements NativePort {
  readonly posted: HostRequest[] = [];
  readonly onMessage = new FakeEvent<[unknown]>();
  readonly onDisconnect = new FakeEvent<[NativePort]>();
  error: { message: string } | null = null;
  disconnected = false;

  constructor(
    private readonly script: HostScript | undefined,
    private readonly setLastError: (message: string | undefined) => void,
  ) {}

  postMessage(message: unknown): void {
    if (this.disconnected) throw new Error('Attempt to postMessage on disconnected port');
    const request = structuredClone(message) as HostRequest;
    this.posted.push(request);
    this.script?.(request, this);
  }

  disconnect(): void {
    this.disconnected = true;
  }

  /** The host sends a message (delivered asynchronously, as browsers do). */
  send(message: unknown): void {
    queueMicrotask(() => {
      if (!this.disconnected) this.onMessage.emit(structuredClone(message));
    });
  }

  ok(id: string, result: unknown): void {
    this.send({ v: PROTOCOL_VERSION, id, hostVersion: '0.1.0', ok: true, result });
  }

  fail(id: string, code: string, message = 'failed', retryAfter?: number): void {
    const error = retryAfter === undefined ? { code, message } : { code, message, retryAfter };
    this.send({ v: PROTOCOL_VERSION, id, hostVersion: '0.1.0', ok: false, error });
  }

  /** The browser closes the port: Chromium style (lastError) or Firefox style (port.error). */
  close(reason?: string, style: 'chromium' | 'firefox' = 'chromium'): void {
    this.disconnected = true;
    if (style === 'firefox') this.error = reason === undefined ? null : { message: reason };
    if (style === 'chromium') this.setLastError(reason);
    this.onDisconnect.emit(this);
    this.setLastError(undefined);
  }
}

/** A tab the fake browser has open. */
export interface FakeTab {
  id: number;
  windowId: number;
  url: string;
  active: boolean;
}

/** `scheme://host/*` as browsers match it: any port, any path. Only the form the background uses. */
function matchesPattern(pattern: string, url: string): boolean {
  const match = /^(https?):\/\/([^/]+)\/\*$/.exec(pattern);
  if (!match) throw new Error(`fake browser: unsupported match pattern ${pattern}`);
  const parsed = new URL(url);
  return parsed.protocol === `${match[1]}:` && parsed.hostname === match[2];
}

export interface FakeBrowser {
  platform: Platform;
  storage: StorageItems;
  storageChanges: FakeEvent<[StorageChanges, string]>;
  alarms: Map<string, AlarmInfo>;
  badge: { text: string; color: string; title: string };
  /** URLs of the tabs created, in order. */
  openedTabs: string[];
  /** Every open tab (tests add some with openTab). */
  tabs: FakeTab[];
  openTab(url: string, windowId?: number): FakeTab;
  /** Host-permission origins (match patterns) the user has granted. */
  grantedOrigins: Set<string>;
  /** Windows focused by windows.update, in order. */
  focusedWindows: number[];
  /** Notifications on screen, by id (a create with a known id replaces, as in Chrome). */
  notifications: Map<string, NotificationOptions>;
  /** Every notification ever created, in order. */
  notificationLog: { id: string; options: NotificationOptions }[];
  /** What idle.queryState answers. */
  idleState: { current: IdleState };
  /** When each alarm first fires (epoch ms), as created. */
  alarmWhen: Map<string, number | undefined>;
  ports: FakePort[];
  /** Replaces how new ports answer; affects ports opened afterwards. */
  script(script: HostScript | undefined): void;
  /** Makes connectNative throw, as Chromium does without the nativeMessaging permission. */
  failConnect(message: string | undefined): void;
}

export function createFakeBrowser(
  script?: HostScript,
  options: { notificationButtons?: boolean; windows?: boolean } = {},
): FakeBrowser {
  const notifications = new Map<string, NotificationOptions>();
  const notificationLog: { id: string; options: NotificationOptions }[] = [];
  const idleState: { current: IdleState } = { current: 'active' };
  const alarmWhen = new Map<string, number | undefined>();
  const storageChanges = new FakeEvent<[StorageChanges, string]>();
  const storage = new StorageItems((changes) => storageChanges.emit(changes, 'local'));
  const alarms = new Map<string, AlarmInfo>();
  const badge = { text: '', color: '', title: '' };
  const openedTabs: string[] = [];
  const tabs: FakeTab[] = [];
  const grantedOrigins = new Set<string>();
  const focusedWindows: number[] = [];
  const openTab = (url: string, windowId = 1): FakeTab => {
    const tab = { id: 100 + tabs.length, windowId, url, active: false };
    tabs.push(tab);
    return tab;
  };
  const ports: FakePort[] = [];
  let currentScript = script;
  let connectError: string | undefined;
  let lastError: string | undefined;

  const platform: Platform = {
    // The real English catalog, as an English browser gives it.
    texts: catalogTexts('en'),
    storage: {
      async get(key) {
        return storage.read(key);
      },
      async set(items) {
        storage.write(items);
      },
      async remove(keys) {
        storage.remove(keys);
      },
      onChanged: {
        addListener: (listener) => storageChanges.addListener((changes, area) => area === 'local' && listener(changes)),
      },
    },
    alarms: {
      async create(name, info) {
        alarms.set(name, { name, periodInMinutes: info.periodInMinutes });
        alarmWhen.set(name, info.when);
      },
      async getAll() {
        return [...alarms.values()].map((alarm) => ({ ...alarm }));
      },
      async clear(name) {
        return alarms.delete(name);
      },
    },
    action: {
      async setBadgeText({ text }) {
        badge.text = text;
      },
      async setBadgeBackgroundColor({ color }) {
        badge.color = color;
      },
      async setTitle({ title }) {
        badge.title = title;
      },
    },
    tabs: {
      async create({ url }) {
        openedTabs.push(url);
        const tab = openTab(url);
        tab.active = true;
        return { ...tab };
      },
      // As in browsers: without the site's host permission a URL filter matches nothing.
      async query({ url }) {
        const visible = [...grantedOrigins].some((origin) => origin === url);
        return visible
          ? tabs.filter((tab) => matchesPattern(url, tab.url)).map(({ id, windowId }) => ({ id, windowId }))
          : [];
      },
      async update(tabId, properties) {
        const tab = tabs.find((t) => t.id === tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}.`);
        if (properties.url !== undefined) tab.url = properties.url;
        if (properties.active) for (const other of tabs) other.active = other === tab;
        return { ...tab };
      },
    },
    windows:
      options.windows === false
        ? undefined
        : {
            async update(windowId) {
              focusedWindows.push(windowId);
              return { id: windowId };
            },
          },
    permissions: {
      async contains({ origins }) {
        return origins.every((origin) => grantedOrigins.has(origin));
      },
    },
    notifications: {
      async create(id, options) {
        notifications.set(id, structuredClone(options));
        notificationLog.push({ id, options: structuredClone(options) });
        return id;
      },
      async clear(id) {
        return notifications.delete(id);
      },
    },
    notificationButtons: options.notificationButtons ?? true,
    idle: {
      async queryState() {
        return idleState.current;
      },
    },
    connectNative() {
      if (connectError !== undefined) throw new Error(connectError);
      const port = new FakePort(currentScript, (message) => {
        lastError = message;
      });
      ports.push(port);
      return port;
    },
    lastError: () => lastError,
    now: () => Date.now(),
  };

  return {
    platform,
    storage,
    storageChanges,
    alarms,
    badge,
    openedTabs,
    tabs,
    openTab,
    grantedOrigins,
    focusedWindows,
    notifications,
    notificationLog,
    idleState,
    alarmWhen,
    ports,
    script(next) {
      currentScript = next;
    },
    failConnect(message) {
      connectError = message;
    },
  };
}

// Sample data for the background's tests, small and valid against the shared schemas.

export function sampleAccount(id: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    name: id[0]?.toUpperCase() + id.slice(1),
    server: {
      host: 'mail.example.org',
      port: 995,
      security: 'tls',
      allowPlaintext: false,
      username: `${id}@example.org`,
    },
    webmailUrl: `https://${id}.example.org/mail`,
    intervalMinutes: 5,
    enabled: true,
    ...overrides,
  };
}

export function sampleSettings(accounts: Account[]): Settings {
  return { ...DEFAULT_SETTINGS, accounts };
}

export function summary(uid: string): MessageSummary {
  return {
    uid,
    number: 1,
    size: 100,
    from: { name: 'Ann', address: 'ann@example.org' },
    subject: `Message ${uid}`,
    date: '',
    messageId: `<${uid}@example.org>`,
  };
}

export function checkResult(overrides: Partial<CheckResult> = {}): CheckResult {
  const newMessages = overrides.newMessages ?? [];
  return {
    count: 10,
    size: 1000,
    newCount: newMessages.length,
    newMessages,
    gone: [],
    baseline: false,
    stateToken: 'token-1',
    capabilities: ['UIDL', 'TOP'],
    checkedAt: 0,
    ...overrides,
  };
}
