import { STATE_KEY, type ExtensionState } from '../storage/account-state';
import { readState } from '../storage/read-state';
import { glanceOf } from '../storage/glance';
import type { Account } from '../shared/account';
import { PopbiffError } from '../shared/errors';
import { SETTINGS_KEY, accountById, migrateSettings, type Settings } from '../storage/settings';
import { GLANCE_KEY } from '../storage/keys';
import type { StorageArea } from './platform';

export interface Snapshot {
  settings: Settings;
  state: ExtensionState;
}

/**
 * Settings and state in `storage.local`. Every change runs alone on one promise chain, so two
 * checks finishing together cannot each read the old state and lose the other's update.
 */
export class Store {
  private chain: Promise<unknown> = Promise.resolve();
  /** The last settings this store wrote, as JSON: its writer refreshes from them itself. */
  private lastSettingsWritten: string | undefined;

  constructor(private readonly area: StorageArea) {}

  async read(): Promise<Snapshot> {
    const [stored, storedState] = await Promise.all([this.area.get(SETTINGS_KEY), this.area.get(STATE_KEY)]);
    return { settings: parseSettings(stored[SETTINGS_KEY]), state: readState(storedState[STATE_KEY]) };
  }

  /** The stored account with this id; a request naming one that is gone is refused. */
  async account(accountId: string): Promise<Account> {
    const account = accountById((await this.read()).settings, accountId);
    if (!account) throw new PopbiffError('BAD_REQUEST', 'There is no such account.');
    return account;
  }

  /**
   * Applies `change` to the latest snapshot and writes what it returns, serialised with every
   * other change. The popup's glance of the state goes in the same `set`, so the two never disagree.
   */
  update(change: (snapshot: Snapshot) => Partial<Snapshot>): Promise<Snapshot> {
    return this.exclusive(async () => {
      const current = await this.read();
      const changed = change(current);
      const items: Record<string, unknown> = {};
      if (changed.settings) {
        items[SETTINGS_KEY] = changed.settings;
        // Noted before the write, so the change event it causes always finds it.
        this.lastSettingsWritten = JSON.stringify(changed.settings);
      }
      if (changed.state) {
        items[STATE_KEY] = changed.state;
        items[GLANCE_KEY] = glanceOf(changed.state);
      }
      if (Object.keys(items).length > 0) await this.area.set(items);
      return { ...current, ...changed };
    });
  }

  /** Whether `settings` (a storage change's new value) is what this store itself last wrote. */
  wroteSettings(settings: unknown): boolean {
    return this.lastSettingsWritten !== undefined && JSON.stringify(settings) === this.lastSettingsWritten;
  }

  async updateState(change: (state: ExtensionState, settings: Settings) => ExtensionState): Promise<Snapshot> {
    return this.update(({ state, settings }) => ({ state: change(state, settings) }));
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined); // a failed change must not block the next one
    return run;
  }
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
