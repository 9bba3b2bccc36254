import type { GlobalSettingsChange, UiReply } from '../ui-messages';
import { send } from '../ui/messaging';

/** The settings that belong to no account. */
export type GlobalSettings = GlobalSettingsChange;

/**
 * Changes the global settings through the background, which validates them with the one schema
 * and writes storage (the page never does). Accounts go through "save-account" (passwords).
 * Resolves with the background's reply (never rejects: see send).
 */
export function saveGlobalSettings(change: GlobalSettings): Promise<UiReply<unknown>> {
  return send({ type: 'save-settings', settings: change });
}
