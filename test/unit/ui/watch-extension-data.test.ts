import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtensionData } from '../../../src/ui/stored-data';
import { readShallow } from '../../../src/ui/stored-data';
import { watchExtensionData } from '../../../src/ui/watch-extension-data';
import { stateWrite } from '../../../src/storage/state-layout';
import fakeBrowser, { resetFakeBrowser } from '../../helpers/ui-fake-browser';
import { account, accountState, stored } from '../../helpers/ui-fixtures';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

let seen: ExtensionData[];
let stop: () => void;

/** Lets the watcher's pending reads land; bounded, no wall-clock waiting. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

beforeEach(async () => {
  resetFakeBrowser();
  seen = [];
  await fakeBrowser.storage.local.set(stored([account()], { 'acc-1': accountState({ unseenCount: 1 }) }));
});

afterEach(() => stop());

describe('watchExtensionData', () => {
  it('takes a change’s new value from the event instead of reading storage again', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    stop = watchExtensionData(readShallow, (data) => seen.push(data));
    await settle();
    expect(get).toHaveBeenCalledTimes(1);
    const next = stored([account()], { 'acc-1': accountState({ unseenCount: 4 }) });
    await fakeBrowser.storage.local.set({ state: next.state });
    await settle();
    expect(get).toHaveBeenCalledTimes(1);
    expect(seen.at(-1)).toEqual({ status: 'ready', ...next });
    await fakeBrowser.storage.local.set({ settings: { ...next.settings, notifications: false } });
    await settle();
    expect(get).toHaveBeenCalledTimes(1);
    expect(seen.at(-1)).toEqual({
      status: 'ready',
      settings: { ...next.settings, notifications: false },
      state: next.state,
    });
  });

  it('follows a change of one account’s item, as the background writes a check’s result', async () => {
    const two = stored([account(), account({ id: 'acc-2' })], {
      'acc-1': accountState({ unseenCount: 1 }),
      'acc-2': accountState({ unseenCount: 2 }),
    });
    await fakeBrowser.storage.local.set({ settings: two.settings, ...stateWrite(two.state, undefined).items });
    stop = watchExtensionData(readShallow, (data) => seen.push(data));
    await settle();
    expect(seen.at(-1)).toEqual({ status: 'ready', ...two });
    const changed = { ...two.state, accounts: { ...two.state.accounts, 'acc-2': accountState({ unseenCount: 5 }) } };
    const written = stateWrite(changed, two.state).items;
    expect(Object.keys(written)).toEqual(['state:acc-2']);
    await fakeBrowser.storage.local.set(written);
    await settle();
    expect(seen.at(-1)).toEqual({ status: 'ready', settings: two.settings, state: changed });
  });

  it('stops hearing changes once stopped', async () => {
    stop = watchExtensionData(readShallow, (data) => seen.push(data));
    await settle();
    stop();
    const count = seen.length;
    await fakeBrowser.storage.local.set(stored([]));
    await settle();
    expect(seen).toHaveLength(count);
  });
});
