import browser from '../browser';
import { GLANCE_KEY, SETTINGS_KEY, type ExtensionData, type StoredReader } from './stored-data';

/** Runs `task` once the next frame is painted (a timeout queued from rAF runs after that frame). */
export function afterNextPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task));
}

/** A smaller first read: `read` turns settings and the glance into data, or undefined when no glance is stored. */
type GlanceReader = (stored: Record<string, unknown>) => ExtensionData | undefined;

/**
 * Calls `onData` with the settings and per-account state from storage.local now and after every
 * change: the background writes the state while a page is open (a check may end after the popup
 * opened). `complete` is false only for data from the glance. Returns the function that stops
 * watching. No hooks here, so the popup can use it without carrying preact/hooks in its budget.
 *
 * With `glance`, the first read takes the glance instead of the full state (a fraction of it to
 * read), and the full state follows once that first screen is painted; without a stored glance
 * the full state is read at once.
 */
export function watchExtensionData(
  read: StoredReader,
  onData: (data: ExtensionData, complete: boolean) => void,
  glance?: GlanceReader,
): () => void {
  let live = true;
  // Reads can overlap when changes come quickly; only the newest read may land.
  let latest = 0;
  // Every stored item once read; later changes update it from the values they carry.
  let known: Record<string, unknown> | undefined;
  const load = async (): Promise<void> => {
    const mine = ++latest;
    // Everything: the state's items are one per account, and only the index names them.
    const stored = await browser.storage.local.get(null);
    if (!live || mine !== latest) return;
    known = stored;
    onData(read(stored), true);
  };
  const loadGlance = async (reader: GlanceReader): Promise<void> => {
    const mine = ++latest;
    const data = reader(await browser.storage.local.get([SETTINGS_KEY, GLANCE_KEY]));
    if (!live || mine !== latest) return;
    if (data === undefined) return load();
    onData(data, false);
    // A change that arrived meanwhile has already started the full read.
    afterNextPaint(() => {
      if (live && mine === latest) void load();
    });
  };
  // The glance changes with the state, in the same write: the state is what the page re-reads.
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    // Everything in storage.local is settings and state (keys.ts): every change there is news.
    if (area !== 'local') return;
    // Before the full state has been read there is nothing to update: read it all.
    if (known === undefined) return void load();
    latest += 1; // a read still in flight started before this change: it must not land after it
    const next: Record<string, unknown> = { ...known };
    // A removed item's change carries no new value.
    for (const [key, change] of Object.entries(changes)) next[key] = change.newValue;
    known = next;
    onData(read(next), true);
  };
  browser.storage.onChanged.addListener(onChanged);
  void (glance ? loadGlance(glance) : load());
  return () => {
    live = false;
    browser.storage.onChanged.removeListener(onChanged);
  };
}
