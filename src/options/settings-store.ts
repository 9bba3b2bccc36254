import type { GlobalSettingsChange } from '../background/messages';
import { PopbiffError } from '../shared/errors';
import { send } from '../ui/messaging';

/** The settings that belong to no account. */
export type GlobalSettings = GlobalSettingsChange;

/**
 * Changes the global settings through the background, which validates them with the one schema
 * and writes storage (the page never does). Accounts go through "save-account" (passwords).
 */
export async function saveGlobalSettings(change: GlobalSettings): Promise<void> {
  const reply = await send({ type: 'save-settings', settings: change });
  if (!reply.ok) throw new PopbiffError(reply.error.code, reply.error.message);
}
