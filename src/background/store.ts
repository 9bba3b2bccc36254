import type { ExtensionState } from '../storage/account-state';
import { readState } from '../storage/read-state';
import { inCurrentLayout, isStateKey, stateWrite, unnamedItems } from '../storage/state-layout';
import { glanceOf } from '../storage/glance';
import type { Account } from '../shared/account';
import { PopbiffError } from '../shared/errors';
import { SETTINGS_KEY, accountById, migrateSettings, type Settings } from '../storage/settings';
import { GLANCE_KEY, WRITE_ID_KEY } from '../storage/keys';
import type { StorageArea, StorageChange } from './platform';

export interface Snapshot {
  settings: Settings;
  state: ExtensionState;
}

type Change = (snapshot: Snapshot) => Partial<Snapshot>;

interface Queued {
  change: Change;
  resolve: (snapshot: Snapshot) => void;
  reject: (error: unknown) => void;
}

/** Own write ids still awaiting their change event; older ones are forgotten (a missed event only costs a read). */
const MAX_PENDING_WRITES = 16;

/**
 * Settings and state in `storage.local`. Changes run one after another, each on the snapshot the
 * one before left, so two checks finishing together cannot each read the old state and lose the
 * other's update. Changes that arrive while a write is under way are written together in the
 * next one (group commit): a batch of 20 checks costs a few writes of the whole state, not 20.
 *
 * The background is the only writer (the pages only read), so the store keeps the snapshot it
 * last read or wrote, frozen, and reads storage again only after someone else changed it: a
 * read and a check of 20 accounts' state cost ~25 ms of the worker's thread, several times per
 * batch (bench/many-accounts-results.md).
 */
export class Store {
  private queued: Queued[] = [];
  private writing = false;
  /** The last settings this store wrote, as JSON: its writer refreshes from them itself. */
  private lastSettingsWritten: string | undefined;
  /** What storage holds, as this store last read or wrote it; undefined once someone else wrote. */
  private cached: Snapshot | undefined;
  /** Counts writes, this store's and others', so a read that overlapped one is not kept. */
  private generation = 0;
  /**
   * Whether storage holds the copy's state in the current layout, so the next write need store
   * only what changed; false when unknown (no copy, someone else wrote, or an older layout).
   */
  private copyInLayout = false;
  /** Items no index names, found by the last read: removed with the next state write. */
  private unnamed: string[] = [];
  /** Items this store is removing: their change event carries no write id. */
  private readonly removing = new Set<string>();
  private readonly pendingWrites: string[] = [];

  constructor(private readonly area: StorageArea) {
    area.onChanged.addListener((changes) => this.noticeChange(changes));
  }

  async read(): Promise<Snapshot> {
    if (this.cached) return this.cached;
    const before = this.generation;
    // Everything: the state's items are one per account (state-layout.ts).
    const stored = await this.area.get(null);
    const snapshot = deepFreeze({ settings: parseSettings(stored[SETTINGS_KEY]), state: readState(stored) });
    if (before !== this.generation) return snapshot;
    this.cached = snapshot;
    this.copyInLayout = inCurrentLayout(stored, snapshot.state);
    this.unnamed = unnamedItems(stored);
    return snapshot;
  }

  /** The stored account with this id; a request naming one that is gone is refused. */
  async account(accountId: string): Promise<Account> {
    const account = accountById((await this.read()).settings, accountId);
    if (!account) throw new PopbiffError('BAD_REQUEST', 'There is no such account.');
    return account;
  }

  /**
   * Applies `change` to the latest snapshot and writes what it returns, after every change
   * queued before it. Resolves, once written, with the snapshot as this change left it. A change
   * that throws fails alone; a refused write fails every change it carried. The popup's glance
   * of the state goes in the same `set`, so the two never disagree.
   */
  update(change: Change): Promise<Snapshot> {
    return new Promise<Snapshot>((resolve, reject) => {
      this.queued.push({ change, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /** Whether `settings` (a storage change's new value) is what this store itself last wrote. */
  wroteSettings(settings: unknown): boolean {
    return this.lastSettingsWritten !== undefined && JSON.stringify(settings) === this.lastSettingsWritten;
  }

  async updateState(change: (state: ExtensionState, settings: Settings) => ExtensionState): Promise<Snapshot> {
    return this.update(({ state, settings }) => ({ state: change(state, settings) }));
  }

  /** Writes queued changes, a group at a time, until none is left. */
  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queued.length > 0) await this.commit(this.queued.splice(0));
    this.writing = false;
  }

  /** One read, every change of the group in order, one write; never throws (each caller hears). */
  private async commit(group: Queued[]): Promise<void> {
    let snapshot: Snapshot;
    try {
      snapshot = await this.read();
    } catch (error) {
      for (const queued of group) queued.reject(error);
      return;
    }
    const applied: { queued: Queued; after: Snapshot }[] = [];
    let settingsChanged = false;
    let stateChanged = false;
    for (const queued of group) {
      let changed: Partial<Snapshot>;
      try {
        changed = queued.change(snapshot);
      } catch (error) {
        queued.reject(error);
        continue;
      }
      settingsChanged ||= changed.settings !== undefined;
      stateChanged ||= changed.state !== undefined;
      snapshot = { ...snapshot, ...changed };
      applied.push({ queued, after: snapshot });
    }
    try {
      await this.write(snapshot, settingsChanged, stateChanged);
    } catch (error) {
      for (const { queued } of applied) queued.reject(error);
      return;
    }
    for (const { queued, after } of applied) queued.resolve(after);
  }

  /**
   * Drops the copy: storage changed in a way this store did not make. Also for listeners of the
   * general storage.onChanged, which may hear a change before this store's own listener does.
   */
  forget(): void {
    this.cached = undefined;
    this.copyInLayout = false;
    this.generation += 1;
  }

  /** A change carrying one of this store's write ids is its own; any other one drops the copy. */
  private noticeChange(changes: Record<string, StorageChange>): void {
    const own = this.pendingWrites.indexOf(String(changes[WRITE_ID_KEY]?.newValue));
    if (own >= 0) {
      this.pendingWrites.splice(own, 1);
      return;
    }
    const keys = Object.keys(changes);
    if (keys.length > 0 && keys.every((key) => this.removing.has(key))) {
      for (const key of keys) this.removing.delete(key);
      return;
    }
    if (keys.some((key) => key === SETTINGS_KEY || isStateKey(key))) this.forget();
  }

  private async write(snapshot: Snapshot, settings: boolean, state: boolean): Promise<void> {
    const items: Record<string, unknown> = {};
    if (settings) {
      items[SETTINGS_KEY] = snapshot.settings;
      // Noted before the write, so the change event it causes always finds it.
      this.lastSettingsWritten = JSON.stringify(snapshot.settings);
    }
    // The copy is still what this group's changes started from (commit read it just before).
    const inLayoutBefore = this.copyInLayout;
    let removed: string[] = [];
    if (state) {
      const written = stateWrite(snapshot.state, inLayoutBefore ? this.cached?.state : undefined);
      Object.assign(items, written.items);
      // An account that came back is written again, not removed.
      removed = [...written.removed, ...this.unnamed.filter((key) => !(key in written.items))];
    }
    // The glance follows the accounts' order too: its rows are the first accounts' (glance.ts).
    if (state || settings) {
      items[GLANCE_KEY] = glanceOf(
        snapshot.state,
        snapshot.settings.accounts.map((account) => account.id),
      );
    }
    if (Object.keys(items).length === 0) return;
    const writeId = crypto.randomUUID();
    items[WRITE_ID_KEY] = writeId;
    this.pendingWrites.push(writeId);
    if (this.pendingWrites.length > MAX_PENDING_WRITES) this.pendingWrites.shift();
    // Unknown until the write is known to have happened (or not).
    this.cached = undefined;
    this.copyInLayout = false;
    const generation = ++this.generation;
    await this.area.set(items);
    // Someone else wrote meanwhile (their change made the count move on): storage holds a mix.
    if (generation === this.generation) {
      this.cached = deepFreeze(snapshot);
      // A write of the settings alone leaves the state as it was stored, in whichever layout.
      this.copyInLayout = state || inLayoutBefore;
    }
    if (removed.length > 0) await this.removeUnnamed(removed);
  }

  /** The index no longer names them, so they are read by no one: a failure here loses nothing. */
  private async removeUnnamed(keys: string[]): Promise<void> {
    this.unnamed = this.unnamed.filter((key) => !keys.includes(key));
    for (const key of keys) this.removing.add(key);
    try {
      await this.area.remove(keys);
    } catch {
      for (const key of keys) this.removing.delete(key);
    }
  }
}

/**
 * Snapshots are shared by every reader of the store now, so none may change one in place: a
 * change builds a new object (as every Change does), and a slip throws instead of corrupting
 * what the next reader sees.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

function parseSettings(stored: unknown): Settings {
  try {
    return migrateSettings(stored);
  } catch {
    throw new PopbiffError(
      'INTERNAL',
      'The stored settings are not readable; open the options page to set Popbiff up again.',
    );
  }
}
