import browser from '../browser';
import { migrateSettings, type Settings } from '../settings';
import { SETTINGS_KEY } from '../storage-keys';

/** The settings that belong to no account. */
export type GlobalSettings = Pick<Settings, 'notifications' | 'muteWhenIdle' | 'rules'>;

/**
 * Writes the global settings. Seam: the background has no "save-settings" message yet, so the
 * page writes storage itself, validated by the same schema; the background hears the change
 * (storage.onChanged) and reschedules. Accounts always go through "save-account" (passwords).
 */
export async function saveGlobalSettings(change: Partial<GlobalSettings>): Promise<void> {
  const stored = await browser.storage.local.get([SETTINGS_KEY]);
  const current = migrateSettings(stored[SETTINGS_KEY]);
  const next = migrateSettings({ ...current, ...change });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
}
