import { PopbiffError } from '../shared/errors';

/**
 * One read-modify-write of a file at a time, across processes: Chrome and Firefox on one
 * computer each start their own host, and both may change the secrets, commands or state at
 * once. An in-process queue keeps this host's own updates in order; proper-lockfile (a lock
 * directory beside the file, created atomically with mkdir) keeps the other host out meanwhile.
 */

/**
 * A lock older than this is a crashed host's; proper-lockfile refreshes a live one every half of
 * it. Shorter than the wait below, so a lock left by a killed host is taken over within one wait
 * instead of failing the next write (a check right after the crash) with STORAGE_FAILED.
 */
const STALE_MS = 5_000;
/** Another host's update takes milliseconds; waiting up to ~7.7 s covers a slow disk and a stale lock, not a hang. */
const RETRIES = { retries: 40, factor: 1.3, minTimeout: 10, maxTimeout: 250 };

const queues = new Map<string, Promise<unknown>>();

export function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.then(() => underLock(path, work));
  const settled = next.catch(() => undefined);
  queues.set(path, settled);
  // The map only holds the tail of each queue; a finished tail leaves it.
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return next;
}

async function underLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  // Loaded on the first write, not at host start-up (most starts never write).
  const { lock } = await import('proper-lockfile');
  let release: () => Promise<void>;
  try {
    // realpath: false, so the file need not exist yet (the first write creates it).
    release = await lock(path, { realpath: false, stale: STALE_MS, retries: RETRIES, onCompromised: () => undefined });
  } catch {
    throw new PopbiffError('STORAGE_FAILED', 'Another Popbiff host kept a settings file locked; try again.');
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * The lock on `path` if nobody holds it now, without waiting: for work that another process may
 * already be doing and then need not be done twice (the on-new-mail command). Resolves with
 * its release, or undefined while a live process holds it; a killed holder's lock goes stale
 * after STALE_MS. Any other failure to lock also answers undefined: the work is skipped, never
 * run twice.
 */
export async function tryFileLock(path: string): Promise<(() => Promise<void>) | undefined> {
  try {
    const { lock } = await import('proper-lockfile');
    const release = await lock(path, { realpath: false, stale: STALE_MS, retries: 0, onCompromised: () => undefined });
    return () => release().catch(() => undefined);
  } catch {
    return undefined;
  }
}
