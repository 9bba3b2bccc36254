import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, Settings, migrateSettings } from '../../../src/storage/settings';
import { DEFAULT_RULES } from '../../../src/shared/rules';
import { sampleAccount } from '../../helpers/fake-browser';

/** Exactly what version 1 of Popbiff stored. */
const version1 = { version: 1, accounts: [sampleAccount('work')], notifications: false };

describe('settings', () => {
  it('nothing stored gives the defaults, with the spam rules on', () => {
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.rules).toEqual(DEFAULT_RULES);
    expect(Settings.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });

  it('migrates version 1 to 2, keeping the accounts and the notification switch', () => {
    const migrated = migrateSettings(structuredClone(version1));
    expect(migrated).toEqual({
      version: SETTINGS_VERSION,
      accounts: version1.accounts,
      notifications: false,
      muteWhenIdle: false,
      rules: DEFAULT_RULES,
    });
    expect(SETTINGS_VERSION).toBe(2);
  });

  it('reads version 2 as stored, per-account notification settings included', () => {
    const account = { ...sampleAccount('work'), notify: false, quietHours: { from: '22:00', to: '07:00' }, rules: [] };
    const stored = { ...DEFAULT_SETTINGS, accounts: [account], pauseNotificationsUntil: 123, muteWhenIdle: true };
    expect(migrateSettings(structuredClone(stored))).toEqual(stored);
  });

  it('fails loudly on versions it does not know, newer or older', () => {
    expect(() => migrateSettings({ ...DEFAULT_SETTINGS, version: 3 })).toThrow(/version 3, newer/);
    expect(() => migrateSettings({ ...version1, version: 0 })).toThrow(/No migration from settings version 0/);
    expect(() => migrateSettings({ accounts: [] })).toThrow(/no version/);
    expect(() => migrateSettings('settings')).toThrow(/no version/);
  });

  it('fails loudly when a migrated version 1 is still not valid', () => {
    expect(() => migrateSettings({ version: 1, accounts: 'none', notifications: true })).toThrow(/not readable/);
  });

  it('reads version 2 with a badge colour scheme and account colours, refusing values off their lists', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      accounts: [{ ...sampleAccount('work'), color: 'teal' }],
      badgeColors: 'muted',
    };
    expect(migrateSettings(structuredClone(stored))).toEqual(stored);
    expect(DEFAULT_SETTINGS.badgeColors).toBeUndefined();
    expect(Settings.safeParse({ ...stored, badgeColors: 'neon' }).success).toBe(false);
    expect(Settings.safeParse({ ...stored, accounts: [{ ...sampleAccount('work'), color: '#ff0000' }] }).success).toBe(
      false,
    );
  });

  it('refuses bad quiet hours and bad per-account rules', () => {
    const bad = (account: object) =>
      Settings.safeParse({ ...DEFAULT_SETTINGS, accounts: [{ ...sampleAccount('a'), ...account }] }).success;
    expect(bad({ quietHours: { from: '25:00', to: '07:00' } })).toBe(false);
    expect(
      bad({
        rules: [
          { name: 'x', match: 'any', conditions: [{ field: 'subject', op: 'regex', value: '(' }], action: 'ignore' },
        ],
      }),
    ).toBe(false);
    expect(bad({ quietHours: { from: '22:00', to: '07:00' } })).toBe(true);
  });
});
