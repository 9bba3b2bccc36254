import type { ExtensionState } from '../storage/account-state';
import { EMPTY_STATE } from '../storage/empty-state';
import type { Settings } from '../storage/settings';
import { GLANCE_KEY, SETTINGS_KEY, SETTINGS_VERSION } from '../storage/keys';
import { assembleState, hasStateShape, isRecord } from '../storage/state-layout';

export { GLANCE_KEY, SETTINGS_KEY };

export type ExtensionData =
  | { status: 'loading' }
  | { status: 'ready'; settings: Settings; state: ExtensionState }
  /** The stored settings are unreadable; the UI says so rather than showing an empty list. */
  | { status: 'broken' };

/** Turns what storage.local holds (settings, the state's items) into what a page renders. */
export type StoredReader = (stored: Record<string, unknown>) => ExtensionData;

const knownVersion = (version: unknown): boolean =>
  typeof version === 'number' && version >= 1 && version <= SETTINGS_VERSION;

/** Only what the popup reads; the rest of a default Settings is the options page's business. */
const emptySettings = (): Settings => ({
  version: SETTINGS_VERSION,
  accounts: [],
  notifications: true,
  muteWhenIdle: false,
  rules: [],
});

/**
 * The popup's reader: a shape check only. The background is the only writer of settings and state and
 * validates what it writes; the options page reads with the full schemas. Older settings
 * versions are read too: every version so far keeps `accounts` as it is, and the popup reads
 * nothing else that a migration adds.
 */
export const readShallow: StoredReader = (stored) => shallowData(stored[SETTINGS_KEY], assembleState(stored));

function shallowData(settings: unknown, state: unknown): ExtensionData {
  if (settings === undefined) return { status: 'ready', settings: emptySettings(), state: EMPTY_STATE };
  if (!isRecord(settings) || !knownVersion(settings.version) || !Array.isArray(settings.accounts))
    return { status: 'broken' };
  return {
    status: 'ready',
    settings: { ...emptySettings(), ...settings, version: SETTINGS_VERSION } as Settings,
    // A shape check only, as for the settings: the background validated each account it wrote.
    state: hasStateShape(state) ? (state as ExtensionState) : EMPTY_STATE,
  };
}

/**
 * The popup's first read: settings and the glance (the state cut to the first screen, see
 * src/storage/glance.ts), read like the state. Undefined when no readable glance is stored (an older
 * background wrote the state alone): the full state must be read then.
 */
export const readGlance = (stored: Record<string, unknown>): ExtensionData | undefined => {
  const glance = stored[GLANCE_KEY];
  return hasStateShape(glance) ? shallowData(stored[SETTINGS_KEY], glance) : undefined;
};
