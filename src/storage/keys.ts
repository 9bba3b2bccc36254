/**
 * Where settings and per-account state live in `storage.local`, and the versions of their
 * shapes. Zod-free on purpose: the popup imports these without pulling any schema into its
 * 12 KB budget. settings.ts and account-state.ts own the schemas and migrations.
 */
export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 2;
/** The state's index (state-layout.ts); each account's state is under its own key beside it. */
export const STATE_KEY = 'state';
/** The shape of the state as the background and the pages hold it, and of the glance. */
export const STATE_VERSION = 1;
/** How the state lies in storage: 2 is one key per account (state-layout.ts), 1 the whole state under STATE_KEY. */
export const STATE_LAYOUT_VERSION = 2;
/**
 * What the popup's first screen shows, derived from the state and written with it in one `set`
 * (glance.ts): reading it is a fraction of reading the full state, which follows after the
 * first paint. Same shape and version as the state.
 */
export const GLANCE_KEY = 'glance';
/**
 * A fresh id written with every `set` of the background's store: a storage change that carries
 * one of its ids is its own write, anything else is someone else's (store.ts keeps a parsed
 * copy of what it wrote and must drop it then).
 */
export const WRITE_ID_KEY = 'writeId';
