import { describe, expect, it } from 'vitest';
import { STATE_VERSION, type AccountState, type ExtensionState } from '../../../src/storage/account-state';
import { Store } from '../../../src/background/store';
import { FIRST_ROWS, glanceOf } from '../../../src/storage/glance';
import { DEFAULT_SETTINGS } from '../../../src/storage/settings';
import type { MessageSummary } from '../../../src/shared/mail';
import { GLANCE_KEY, SETTINGS_KEY, STATE_KEY, WRITE_ID_KEY } from '../../../src/storage/keys';
import type { StorageChange } from '../../../src/background/platform';
import { StorageItems, sampleAccount } from '../../helpers/fake-browser';

type Changes = Record<string, StorageChange>;

/**
 * A storage area that records every `set` call, each as the keys it wrote together (without the
 * store's write id), and every `remove` call, counts `get` calls, and reports changes as
 * storage.local.onChanged does. `writeAsOther` is a write by someone other than the store.
 */
function recordingArea() {
  const listeners: ((changes: Changes) => void)[] = [];
  const items = new StorageItems((changes) => {
    for (const listener of listeners) listener(changes);
  });
  const sets: string[][] = [];
  const removes: string[][] = [];
  const counts = { gets: 0 };
  return {
    items,
    sets,
    removes,
    counts,
    writeAsOther: (values: Record<string, unknown>) => items.write(values),
    /** The state storage holds, as the background reads it. */
    storedState: (): ExtensionState => items.state(),
    area: {
      async get(key: string | null): Promise<Record<string, unknown>> {
        counts.gets += 1;
        return items.read(key);
      },
      async remove(keys: string[]): Promise<void> {
        removes.push(keys);
        items.remove(keys);
      },
      async set(values: Record<string, unknown>): Promise<void> {
        sets.push(
          Object.keys(values)
            .filter((key) => key !== WRITE_ID_KEY)
            .sort(),
        );
        items.write(values);
      },
      onChanged: { addListener: (listener: (changes: Changes) => void) => listeners.push(listener) },
    },
  };
}

const MINUTE = 60_000;
const NOW = Date.parse('2025-03-01T12:00:00.000Z');

/** Message n is n minutes old; every one carries what only the preview and the rules read. */
function summary(n: number): MessageSummary {
  return {
    uid: `uid-${n}`,
    number: n,
    size: 1000 + n,
    from: { name: `Sender ${n}`, address: `s${n}@example.org` },
    subject: `Subject ${n}`,
    date: new Date(NOW - n * MINUTE).toISOString(),
    messageId: `<${n}@example.org>`,
    to: [{ name: 'Ann', address: 'ann@example.org' }],
    cc: [{ name: '', address: 'team@example.org' }],
    headers: { 'authentication-results': 'mx; spf=pass' },
  };
}

function fullAccount(kept: number): AccountState {
  // Stored oldest first on purpose: the glance must pick the newest, as the popup lists them.
  const unseen = Array.from({ length: kept }, (_, i) => summary(kept - i));
  return {
    count: 300,
    unseenCount: kept + 40,
    unseen,
    failures: 0,
    lastCheckAt: NOW,
    stateToken: 'token',
    notified: unseen.map((m) => m.uid),
  };
}

describe('the background store’s glance of the state', () => {
  it('writes the glance with every state write, in the same set call as the state', async () => {
    const { area, items, sets, storedState } = recordingArea();
    const store = new Store(area);
    await store.update(() => ({ settings: DEFAULT_SETTINGS }));
    await store.updateState((state) => ({ ...state, accounts: { a: fullAccount(30) } }));
    await store.updateState((state) => ({ ...state, accounts: { ...state.accounts, b: fullAccount(2) } }));
    expect(sets).toEqual([
      [GLANCE_KEY, SETTINGS_KEY],
      [GLANCE_KEY, STATE_KEY, 'state:a'],
      [GLANCE_KEY, STATE_KEY, 'state:b'],
    ]);
    expect(items.get(GLANCE_KEY)).toEqual(glanceOf(storedState(), []));
  });

  it('writes the glance again when the accounts’ order changes, as its rows are the first accounts’', async () => {
    const { area, items } = recordingArea();
    const store = new Store(area);
    const settings = (ids: string[]) => ({ ...DEFAULT_SETTINGS, accounts: ids.map((id) => sampleAccount(id)) });
    await store.update(() => ({ settings: settings(['a', 'b']) }));
    await store.updateState((state) => ({ ...state, accounts: { a: fullAccount(30), b: fullAccount(3) } }));
    const rows = () => (items.get(GLANCE_KEY) as ExtensionState).accounts;
    expect([rows().a?.unseen.length, rows().b?.unseen.length]).toEqual([FIRST_ROWS, 0]);
    await store.update(() => ({ settings: settings(['b', 'a']) }));
    expect([rows().b?.unseen.length, rows().a?.unseen.length]).toEqual([3, FIRST_ROWS - 3]);
  });

  it('keeps only the rows the first screen renders, newest first, with exact counts and without what it does not show', () => {
    const state: ExtensionState = {
      version: STATE_VERSION,
      accounts: { a: fullAccount(8), b: fullAccount(30), c: fullAccount(3) },
    };
    const glance = glanceOf(state, ['a', 'b', 'c']);
    const a = glance.accounts.a;
    expect(a?.unseen.map((m) => m.uid)).toEqual(Array.from({ length: 8 }, (_, i) => `uid-${i + 1}`));
    expect(glance.accounts.b?.unseen.map((m) => m.uid)).toEqual(['uid-1', 'uid-2', 'uid-3', 'uid-4']);
    expect(glance.accounts.c?.unseen).toEqual([]);
    expect(glance.accounts.c).toMatchObject({ unseenCount: 43, count: 300 });
    // An account the settings no longer list keeps its counts, and no rows.
    expect(glanceOf(state, ['b']).accounts.a).toMatchObject({ unseen: [], unseenCount: 48 });
    expect(a).toMatchObject({ count: 300, unseenCount: 48, lastCheckAt: NOW, failures: 0 });
    expect(a).not.toHaveProperty('notified');
    expect(a).not.toHaveProperty('stateToken');
    for (const row of a?.unseen ?? [])
      expect(Object.keys(row).sort()).toEqual(['date', 'from', 'messageId', 'number', 'size', 'subject', 'uid']);
    expect(glance.version).toBe(STATE_VERSION);
  });

  it('is a few kilobytes for 20 accounts × 100 messages: a screenful of rows in all, not per account', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `acc-${i}`);
    const state: ExtensionState = {
      version: STATE_VERSION,
      accounts: Object.fromEntries(ids.map((id) => [id, fullAccount(100)])),
    };
    const glance = glanceOf(state, ids);
    expect(Object.values(glance.accounts).reduce((rows, account) => rows + account.unseen.length, 0)).toBe(FIRST_ROWS);
    expect(JSON.stringify(glance).length).toBeLessThan(8_000);
  });
});

describe('the background store’s writes', () => {
  it('writes changes queued while a write is under way together, in one set instead of one each', async () => {
    const { area, sets, storedState } = recordingArea();
    const store = new Store(area);
    await store.update(() => ({ settings: DEFAULT_SETTINGS }));
    const ids = Array.from({ length: 20 }, (_, i) => `acc-${i}`);
    // Twenty checks finishing at once, as a batch's replies do.
    await Promise.all(
      ids.map((id) =>
        store.updateState((state) => ({ ...state, accounts: { ...state.accounts, [id]: fullAccount(1) } })),
      ),
    );
    expect(Object.keys(storedState().accounts).sort()).toEqual([...ids].sort());
    // All twenty were queued while the store was still busy with the settings: one set carries them.
    expect(sets.length - 1).toBe(1);
  });

  it('gives each caller a snapshot with its own change, and fails only the change that throws', async () => {
    const { area, storedState } = recordingArea();
    const store = new Store(area);
    const add = (id: string) =>
      store.updateState((state) => ({ ...state, accounts: { ...state.accounts, [id]: fullAccount(1) } }));
    const first = add('a');
    const broken = store.updateState(() => {
      throw new Error('a change that fails');
    });
    const second = add('b');
    await expect(broken).rejects.toThrow('a change that fails');
    expect(Object.keys((await first).state.accounts)).toEqual(['a']);
    expect(Object.keys((await second).state.accounts).sort()).toEqual(['a', 'b']);
    expect(Object.keys(storedState().accounts).sort()).toEqual(['a', 'b']);
  });

  it('fails every change of a write that storage refuses, and writes later ones again', async () => {
    const { area, storedState } = recordingArea();
    let refuse = true;
    const store = new Store({
      ...area,
      set: async (values: Record<string, unknown>) => {
        if (refuse) throw new Error('quota');
        await area.set(values);
      },
    });
    const add = (id: string) =>
      store.updateState((state) => ({ ...state, accounts: { ...state.accounts, [id]: fullAccount(1) } }));
    await expect(add('a')).rejects.toThrow('quota');
    refuse = false;
    await add('b');
    expect(Object.keys(storedState().accounts)).toEqual(['b']);
  });
});

describe('the background store’s copy of what it wrote', () => {
  const addAccount = (store: Store, id: string) =>
    store.updateState((state) => ({ ...state, accounts: { ...state.accounts, [id]: fullAccount(2) } }));

  it('reads storage once for a batch of its own reads and writes', async () => {
    const { area, counts } = recordingArea();
    const store = new Store(area);
    await store.update(() => ({ settings: DEFAULT_SETTINGS }));
    const afterFirst = counts.gets;
    for (const id of ['a', 'b', 'c']) await addAccount(store, id);
    expect(Object.keys((await store.read()).state.accounts)).toEqual(['a', 'b', 'c']);
    expect(counts.gets).toBe(afterFirst);
  });

  it('reads again after someone else changed the settings or the state', async () => {
    const { area, writeAsOther } = recordingArea();
    const store = new Store(area);
    await addAccount(store, 'a');
    writeAsOther({ [STATE_KEY]: { version: STATE_VERSION, accounts: { other: fullAccount(1) } } });
    expect(Object.keys((await store.read()).state.accounts)).toEqual(['other']);
    await addAccount(store, 'b');
    expect(Object.keys((await store.read()).state.accounts).sort()).toEqual(['b', 'other']);
    writeAsOther({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, muteWhenIdle: true } });
    expect((await store.read()).settings).toMatchObject({ muteWhenIdle: true });
  });

  it('hands out snapshots nobody can change in place', async () => {
    const { area } = recordingArea();
    const store = new Store(area);
    await addAccount(store, 'a');
    const snapshot = await store.read();
    expect(() => {
      (snapshot.state.accounts as Record<string, AccountState>).b = fullAccount(1);
    }).toThrow(TypeError);
    const unseen = snapshot.state.accounts.a?.unseen ?? [];
    expect(unseen).toHaveLength(2);
    expect(() => unseen.push(summary(9))).toThrow(TypeError);
  });
});

describe('the background store’s copy while its own write is under way', () => {
  it('does not keep its copy when someone else wrote during that write', async () => {
    const { area, writeAsOther } = recordingArea();
    const store = new Store({
      ...area,
      set: async (values: Record<string, unknown>) => {
        // Another writer's change lands while this store's set is still pending.
        writeAsOther({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, muteWhenIdle: true } });
        await area.set(values);
      },
    });
    await store.updateState((state) => ({ ...state, accounts: { a: fullAccount(1) } }));
    const { settings, state } = await store.read();
    expect(settings).toMatchObject({ muteWhenIdle: true });
    expect(Object.keys(state.accounts)).toEqual(['a']);
  });
});

describe('the background store’s layout: one item per account', () => {
  const withAccounts = async (ids: string[]) => {
    const recording = recordingArea();
    const store = new Store(recording.area);
    await store.updateState(() => ({
      version: STATE_VERSION,
      accounts: Object.fromEntries(ids.map((id) => [id, fullAccount(40)])),
    }));
    recording.sets.length = 0;
    return { ...recording, store };
  };

  it('writes a check’s result as its own account’s item and the glance, not every account’s mail', async () => {
    const { store, sets, storedState } = await withAccounts(['a', 'b', 'c']);
    await store.updateState((state) => ({
      ...state,
      accounts: { ...state.accounts, b: { ...fullAccount(41), lastCheckAt: NOW + MINUTE } },
    }));
    expect(sets).toEqual([[GLANCE_KEY, 'state:b']]);
    expect(storedState().accounts.b?.unseen).toHaveLength(41);
    expect(storedState().accounts.a?.unseen).toHaveLength(40);
  });

  it('removes the item of an account that is gone, after the index stops naming it', async () => {
    const { store, sets, removes, items, storedState } = await withAccounts(['a', 'b']);
    await store.updateState((state) => ({ ...state, accounts: { a: state.accounts.a ?? fullAccount(1) } }));
    expect(sets).toEqual([[GLANCE_KEY, STATE_KEY]]);
    expect(removes).toEqual([['state:b']]);
    expect(items.has('state:b')).toBe(false);
    expect(Object.keys(storedState().accounts)).toEqual(['a']);
  });

  it('reads the whole state of the older layout and replaces it with one item per account at the next write', async () => {
    const { area, items, writeAsOther, sets } = recordingArea();
    writeAsOther({ [STATE_KEY]: { version: STATE_VERSION, accounts: { a: fullAccount(3), b: fullAccount(2) } } });
    const store = new Store(area);
    expect(Object.keys((await store.read()).state.accounts)).toEqual(['a', 'b']);
    await store.updateState((state) => ({ ...state, accounts: { ...state.accounts, a: fullAccount(4) } }));
    expect(sets).toEqual([[GLANCE_KEY, STATE_KEY, 'state:a', 'state:b']]);
    expect(items.get(STATE_KEY)).toEqual({ version: 2, accounts: ['a', 'b'] });
    expect((items.get('state:b') as AccountState).unseen).toHaveLength(2);
  });

  it('starts one unreadable account afresh and keeps the others', async () => {
    const { area, writeAsOther } = recordingArea();
    writeAsOther({
      [STATE_KEY]: { version: 2, accounts: ['a', 'b'] },
      'state:a': { count: 'many' },
      'state:b': fullAccount(2),
    });
    const store = new Store(area);
    expect(Object.keys((await store.read()).state.accounts)).toEqual(['b']);
  });

  it('writes every account again after reading an index that names an unreadable one', async () => {
    const { area, writeAsOther, sets, storedState } = recordingArea();
    writeAsOther({
      [STATE_KEY]: { version: 2, accounts: ['a', 'b'] },
      'state:a': 'garbage',
      'state:b': fullAccount(2),
    });
    const store = new Store(area);
    await store.updateState((state) => ({ ...state, accounts: { ...state.accounts, c: fullAccount(1) } }));
    expect(sets).toEqual([[GLANCE_KEY, STATE_KEY, 'state:b', 'state:c']]);
    expect(Object.keys(storedState().accounts)).toEqual(['b', 'c']);
  });

  it('reads again after someone else changed one account’s item', async () => {
    const { store, writeAsOther } = await withAccounts(['a', 'b']);
    writeAsOther({ 'state:a': { ...fullAccount(1), count: 7 } });
    expect((await store.read()).state.accounts.a?.count).toBe(7);
  });

  it('keeps reading the older layout right after a write of the settings alone, and replaces it at the next state write', async () => {
    const { area, writeAsOther, sets, storedState } = recordingArea();
    writeAsOther({ [STATE_KEY]: { version: STATE_VERSION, accounts: { a: fullAccount(1), b: fullAccount(2) } } });
    const store = new Store(area);
    await store.update(() => ({ settings: { ...DEFAULT_SETTINGS, muteWhenIdle: true } }));
    await store.updateState((state) => ({
      ...state,
      accounts: { ...state.accounts, a: { ...fullAccount(1), count: 99 } },
    }));
    expect(sets.at(-1)).toEqual([GLANCE_KEY, STATE_KEY, 'state:a', 'state:b']);
    expect(storedState().accounts.a?.count).toBe(99);
  });

  it('removes the items no index names with the next state write, but not one whose account is written again', async () => {
    const { area, writeAsOther, removes, items } = recordingArea();
    writeAsOther({
      [STATE_KEY]: { version: 2, accounts: ['b'] },
      'state:a': fullAccount(1),
      'state:b': fullAccount(2),
      'state:gone': fullAccount(3),
    });
    const store = new Store(area);
    await store.updateState((state) => ({ ...state, accounts: { ...state.accounts, a: fullAccount(4) } }));
    expect(removes).toEqual([['state:gone']]);
    expect([...items.keys()].filter((key) => key.startsWith('state:')).sort()).toEqual(['state:a', 'state:b']);
    expect((items.get('state:a') as AccountState).unseen).toHaveLength(4);
  });

  it('keeps its copy when it hears its own removal of an account’s item', async () => {
    const { store, counts } = await withAccounts(['a', 'b']);
    await store.updateState((state) => ({ ...state, accounts: { a: state.accounts.a ?? fullAccount(1) } }));
    const gets = counts.gets;
    await store.updateState((state) => ({ ...state, accounts: { ...state.accounts, c: fullAccount(1) } }));
    expect(Object.keys((await store.read()).state.accounts)).toEqual(['a', 'c']);
    expect(counts.gets).toBe(gets);
  });
});
