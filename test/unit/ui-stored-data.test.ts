import { describe, expect, it } from 'vitest';
import { EMPTY_ACCOUNT_STATE, EMPTY_STATE, STATE_KEY } from '../../src/account-state';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../../src/settings';
import * as light from '../../src/ui/stored-data';
import { account, accountState, stored } from './ui-fixtures';

describe('the popup’s schema-free copy of the storage contract', () => {
  it('uses the same keys and empty values as settings.ts and account-state.ts', () => {
    expect(light.SETTINGS_KEY).toBe(SETTINGS_KEY);
    expect(light.STATE_KEY).toBe(STATE_KEY);
    expect(light.NO_ACCOUNT_STATE).toEqual(EMPTY_ACCOUNT_STATE);
  });

  it('reads nothing stored as the default settings and empty state', () => {
    expect(light.readShallow({})).toEqual({ status: 'ready', settings: DEFAULT_SETTINGS, state: EMPTY_STATE });
  });

  it('passes stored settings and state through', () => {
    const data = stored([account()], { 'acc-1': accountState({ unseenCount: 3 }) });
    expect(light.readShallow(data)).toEqual({ status: 'ready', ...data });
  });

  it('calls settings of an unknown version broken rather than empty', () => {
    expect(light.readShallow({ settings: { version: 99, accounts: [] } })).toEqual({ status: 'broken' });
    expect(light.readShallow({ settings: 'garbage' })).toEqual({ status: 'broken' });
  });

  it('starts from an empty state when the state is unreadable (it is only a cache)', () => {
    const result = light.readShallow({ settings: DEFAULT_SETTINGS, state: { version: 1, accounts: [] } });
    expect(result).toEqual({ status: 'ready', settings: DEFAULT_SETTINGS, state: EMPTY_STATE });
  });
});
