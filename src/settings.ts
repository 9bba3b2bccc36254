import * as z from 'zod/mini';
import { Account } from './shared/account';

/**
 * The user's settings, as kept in `storage.local` under SETTINGS_KEY. Never a secret: passwords
 * go to the host. Bump SETTINGS_VERSION with a migration in `migrateSettings` on any change.
 */
export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION),
  accounts: z.array(Account).check(z.maxLength(50)),
  notifications: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = { version: SETTINGS_VERSION, accounts: [], notifications: true };

/**
 * Reads whatever is stored into the current shape. Nothing stored gives the defaults; something
 * stored that no migration understands is an error, never silently replaced (it is the user's).
 */
export function migrateSettings(stored: unknown): Settings {
  if (stored === undefined) return DEFAULT_SETTINGS;
  const parsed = Settings.safeParse(stored);
  if (parsed.success) return parsed.data;
  throw new Error(`Stored settings are not readable: ${z.prettifyError(parsed.error)}`);
}
