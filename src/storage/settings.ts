import * as z from 'zod/mini';
import { SETTINGS_KEY, SETTINGS_VERSION } from './keys';
import { Account } from '../shared/account';
import { PopbiffError } from '../shared/errors';
import { DEFAULT_RULES, RuleList } from '../shared/rules';

/**
 * The user's settings, as kept in `storage.local` under SETTINGS_KEY. Never a secret: passwords
 * go to the host. Bump SETTINGS_VERSION with a step in MIGRATIONS on any change that older
 * settings would not pass (a new optional field needs neither).
 */
export { SETTINGS_KEY, SETTINGS_VERSION };

/** The toolbar badge's colours for new mail and for errors; white text reads on each (≥ 4.5:1). */
export const BadgeColors = z.enum(['standard', 'high-contrast', 'muted']);
export type BadgeColors = z.infer<typeof BadgeColors>;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION),
  accounts: z.array(Account).check(z.maxLength(50)),
  /** The global switch for notifications (the badge counts either way). */
  notifications: z.boolean(),
  /** No notifications while the machine is idle or locked: nobody is there to see them. */
  muteWhenIdle: z.boolean(),
  /** Epoch ms until which notifications are paused ("for 1 hour", "until tomorrow"). */
  pauseNotificationsUntil: z.optional(z.number()),
  /** Applied to every account after its own rules. */
  rules: RuleList,
  /** Absent means `standard`: optional, so older settings need no migration. */
  badgeColors: z.optional(BadgeColors),
});
export type Settings = z.infer<typeof Settings>;

/** Validates a whole settings object, refusing it with the schema's first complaint. */
export function validSettings(candidate: unknown): Settings {
  const checked = Settings.safeParse(candidate);
  if (!checked.success)
    throw new PopbiffError('BAD_REQUEST', checked.error.issues[0]?.message ?? 'The settings are not valid.');
  return checked.data;
}

/** The one lookup of an account by id; undefined once it has been removed. */
export function accountById(settings: Pick<Settings, 'accounts'>, accountId: string): Account | undefined {
  return settings.accounts.find((account) => account.id === accountId);
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  accounts: [],
  notifications: true,
  muteWhenIdle: false,
  rules: DEFAULT_RULES,
};

type Stored = Record<string, unknown>;

/**
 * One step per version: MIGRATIONS[n] turns version n into n + 1. Each step only adds what its
 * version introduced; the final shape is checked by the schema, never assumed.
 */
const MIGRATIONS: Record<number, (old: Stored) => Stored> = {
  // Version 2: notification controls and rules; the spam rule starts on for existing users too.
  1: (old) => ({ ...old, version: 2, muteWhenIdle: false, rules: DEFAULT_RULES }),
};

/**
 * Reads whatever is stored into the current shape. Nothing stored gives the defaults; something
 * stored that no migration understands is an error, never silently replaced (it is the user's).
 */
export function migrateSettings(stored: unknown): Settings {
  if (stored === undefined) return DEFAULT_SETTINGS;
  const upgraded = upgrade(stored);
  const parsed = Settings.safeParse(upgraded);
  if (parsed.success) return parsed.data;
  throw new Error(`Stored settings are not readable: ${z.prettifyError(parsed.error)}`);
}

function upgrade(stored: unknown): unknown {
  if (!isStored(stored) || typeof stored.version !== 'number') throw new Error('Stored settings have no version.');
  if (stored.version > SETTINGS_VERSION) {
    throw new Error(`Stored settings are version ${stored.version}, newer than this Popbiff (${SETTINGS_VERSION}).`);
  }
  let current = stored;
  while (typeof current.version === 'number' && current.version < SETTINGS_VERSION) {
    const step = MIGRATIONS[current.version];
    if (!step) throw new Error(`No migration from settings version ${current.version}.`);
    const next = step(current);
    // A step that does not advance the version would loop forever.
    if (next.version !== current.version + 1)
      throw new Error(`The migration from settings version ${current.version} is broken.`);
    current = next;
  }
  return current;
}

const isStored = (value: unknown): value is Stored =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
