import { describe, expect, it } from 'vitest';
import { STATE_KEY, STATE_VERSION } from '../../../src/storage/account-state';
import { EMPTY_STATE } from '../../../src/storage/empty-state';
import { DEFAULT_SETTINGS, SETTINGS_KEY, SETTINGS_VERSION } from '../../../src/storage/settings';
import * as keys from '../../../src/storage/keys';
import * as light from '../../../src/ui/stored-data';
import { stateWrite } from '../../../src/storage/state-layout';
import { account, accountState, stored } from '../../helpers/ui-fixtures';

describe('the popup’s schema-free copy of the storage contract', () => {
  it('uses the same keys and versions as settings.ts and account-state.ts', () => {
    expect({ ...keys }).toEqual({
      SETTINGS_KEY,
      SETTINGS_VERSION,
      STATE_KEY,
      STATE_VERSION,
      STATE_LAYOUT_VERSION: 2,
      GLANCE_KEY: 'glance',
      WRITE_ID_KEY: 'writeId',
    });
    expect(light.SETTINGS_KEY).toBe(SETTINGS_KEY);
    expect(light.GLANCE_KEY).toBe(keys.GLANCE_KEY);
  });

  it('reads nothing stored as no accounts, notifications on, and an empty state', () => {
    const read = light.readShallow({});
    if (read.status !== 'ready') throw new Error(`read as ${read.status}`);
    expect(read.settings).toMatchObject({
      version: DEFAULT_SETTINGS.version,
      accounts: [],
      notifications: DEFAULT_SETTINGS.notifications,
    });
    expect(read.state).toEqual(EMPTY_STATE);
  });

  it('passes stored settings and state through', () => {
    const data = stored([account()], { 'acc-1': accountState({ unseenCount: 3 }) });
    expect(light.readShallow(data)).toEqual({ status: 'ready', ...data });
  });

  it('assembles the state from one item per account, as the background writes it', () => {
    const data = stored([account(), account({ id: 'acc-2' })], {
      'acc-1': accountState({ unseenCount: 3 }),
      'acc-2': accountState({ unseenCount: 1 }),
    });
    const items = { settings: data.settings, ...stateWrite(data.state, undefined).items };
    expect(Object.keys(items).sort()).toEqual(['settings', 'state', 'state:acc-1', 'state:acc-2']);
    expect(light.readShallow(items)).toEqual({ status: 'ready', ...data });
    // An item the index no longer names is no account's state.
    const one = { ...items, state: { version: 2, accounts: ['acc-2'] } };
    expect(light.readShallow(one)).toMatchObject({ state: { accounts: { 'acc-2': data.state.accounts['acc-2'] } } });
    expect(Object.keys((light.readShallow(one) as { state: { accounts: object } }).state.accounts)).toEqual(['acc-2']);
  });

  it('leaves out an account whose item has no list of messages, which the popup would trip over', () => {
    const data = stored([account(), account({ id: 'acc-2' })], { 'acc-2': accountState({ unseenCount: 1 }) });
    const items = {
      settings: data.settings,
      ...stateWrite(data.state, undefined).items,
      state: { version: 2, accounts: ['acc-1', 'acc-2'] },
      'state:acc-1': { count: 'many' },
    };
    expect(light.readShallow(items)).toEqual({ status: 'ready', ...data });
  });

  it('reads the accounts of older settings versions, which all keep them as they are', () => {
    const read = light.readShallow({ settings: { version: 1, accounts: [account()], notifications: false } });
    expect(read.status === 'ready' && read.settings.accounts).toEqual([account()]);
    expect(read.status === 'ready' && read.settings.notifications).toBe(false);
  });

  it('calls settings of an unknown version broken rather than empty', () => {
    expect(light.readShallow({ settings: { version: SETTINGS_VERSION + 1, accounts: [] } })).toEqual({
      status: 'broken',
    });
    expect(light.readShallow({ settings: { version: 0, accounts: [] } })).toEqual({ status: 'broken' });
    expect(light.readShallow({ settings: 'garbage' })).toEqual({ status: 'broken' });
  });

  it('starts from an empty state when the state is unreadable (it is only a cache)', () => {
    const result = light.readShallow({ settings: DEFAULT_SETTINGS, state: { version: STATE_VERSION, accounts: [] } });
    expect(result).toEqual({ status: 'ready', settings: DEFAULT_SETTINGS, state: EMPTY_STATE });
  });
});

describe('the popup’s first read, from the glance', () => {
  it('reads settings and the glance as it reads settings and the state', () => {
    const data = stored([account()], { 'acc-1': accountState({ unseenCount: 3 }) });
    expect(light.readGlance({ settings: data.settings, glance: data.state })).toEqual({ status: 'ready', ...data });
  });

  it('reads no glance, or an unreadable one, as nothing to show yet: the full state must be read', () => {
    const { settings } = stored([account()]);
    expect(light.readGlance({ settings })).toBeUndefined();
    expect(light.readGlance({ settings, glance: { version: STATE_VERSION + 1, accounts: {} } })).toBeUndefined();
  });
});
