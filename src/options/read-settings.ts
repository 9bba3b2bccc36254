import { readState } from '../storage/read-state';
import { migrateSettings } from '../storage/settings';
import { SETTINGS_KEY, type StoredReader } from '../ui/stored-data';

/** The options page reads with the full schemas: it has no size budget, and edits what it reads. */
export const readWithSchemas: StoredReader = (stored) => {
  try {
    return { status: 'ready', settings: migrateSettings(stored[SETTINGS_KEY]), state: readState(stored) };
  } catch {
    // migrateSettings refuses settings no migration understands; the page says so.
    return { status: 'broken' };
  }
};
