import { useEffect, useState } from 'preact/hooks';
import browser from '../browser';
import { SETTINGS_KEY, STATE_KEY, type ExtensionData, type StoredReader } from './stored-data';

/**
 * The settings and per-account state from storage.local, kept current: the background writes
 * the state while a page is open (a check may end after the popup opened), so every change
 * re-reads.
 */
export function useExtensionData(read: StoredReader): ExtensionData {
  const [data, setData] = useState<ExtensionData>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    // Reads can overlap when changes come quickly; only the newest read may land.
    let latest = 0;
    const load = async (): Promise<void> => {
      const mine = ++latest;
      const stored = await browser.storage.local.get([SETTINGS_KEY, STATE_KEY]);
      if (live && mine === latest) setData(read(stored));
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
  }, [read]);

  return data;
}

/** The current time, refreshed every `everyMs`, so "2 minutes ago" does not go stale. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
