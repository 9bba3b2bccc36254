import { useEffect, useState } from 'preact/hooks';
import type { ExtensionData, StoredReader } from './stored-data';
import { watchExtensionData } from './watch-extension-data';

/** The settings and per-account state from storage.local, kept current (for the options page). */
export function useExtensionData(read: StoredReader): ExtensionData {
  const [data, setData] = useState<ExtensionData>({ status: 'loading' });
  useEffect(() => watchExtensionData(read, setData), [read]);
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
