import browser from '../browser';
import { SETTINGS_KEY, STATE_KEY, type ExtensionData, type StoredReader } from './stored-data';

/**
 * Calls `onData` with the settings and per-account state from storage.local now and after every
 * change: the background writes the state while a page is open (a check may end after the popup
 * opened). Returns the function that stops watching. No hooks here, so the popup can use it
 * without carrying preact/hooks in its budget.
 */
export function watchExtensionData(read: StoredReader, onData: (data: ExtensionData) => void): () => void {
  let live = true;
  // Reads can overlap when changes come quickly; only the newest read may land.
  let latest = 0;
  const load = async (): Promise<void> => {
    const mine = ++latest;
    const stored = await browser.storage.local.get([SETTINGS_KEY, STATE_KEY]);
    if (live && mine === latest) onData(read(stored));
  };
  const onChanged = (changes: Record<string, unknown>, area: string): void => {
    if (area !== 'local') return;
    if (SETTINGS_KEY in changes || STATE_KEY in changes) void load();
  };
  browser.storage.onChanged.addListener(onChanged);
  void load();
  return () => {
    live = false;
    browser.storage.onChanged.removeListener(onChanged);
  };
}
