import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PopbiffError } from '../shared/errors';
import { pausePoint } from './pause-point';
import { randomToken } from './random-token';

/**
 * Replaces a file so that readers see either the old or the new content, never half of one:
 * write a uniquely named sibling and flush it to disk, then rename over (atomic within one file
 * system) and flush the folder. Without the first flush a crash of the machine soon after the
 * rename can leave the new name on an empty file; without the second, the old file back.
 */
export async function writeFileAtomic(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${await randomToken(4, 'hex')}.tmp`;
  try {
    const file = await open(temporary, 'wx', mode);
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await pausePoint('before-rename');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await flushFolder(dirname(path));
  await removeLeftovers(path);
}

/**
 * Flushes of one folder, shared. A rename is durable once a flush that began after it has
 * ended, so writers that arrive while a flush runs share the next one: a batch of 20 state
 * files flushes their folder two or three times instead of 20.
 */
const folderFlushes = new Map<string, { running: Promise<void>; next: Promise<void> | undefined }>();

function flushFolder(folder: string): Promise<void> {
  const flush = folderFlushes.get(folder);
  if (flush === undefined) return startFlush(folder);
  const again = () => startFlush(folder);
  flush.next ??= flush.running.then(again, again);
  return flush.next;
}

function startFlush(folder: string): Promise<void> {
  const running = syncFolder(folder).finally(() => {
    if (folderFlushes.get(folder)?.running === running) folderFlushes.delete(folder);
  });
  folderFlushes.set(folder, { running, next: undefined });
  return running;
}

/** No write takes this long: an older temporary file is what a process killed mid-write left. */
const LEFTOVER_AGE_MS = 60_000;

/** Files this process has already cleared of leftovers: once each is enough. */
const cleared = new Set<string>();

/**
 * Each folder's names as this process first listed them. One listing serves every file of the
 * folder: a host started for a batch of 20 accounts with new mail listed the state folder 20
 * times, on the batch's busy thread. A writer killed after the listing leaves its copy to the
 * next process that writes there.
 */
const listings = new Map<string, Promise<string[]>>();

function namesIn(folder: string): Promise<string[]> {
  let names = listings.get(folder);
  if (names === undefined) {
    names = readdir(folder).catch(() => []);
    listings.set(folder, names);
  }
  return names;
}

/**
 * Removes the temporary copies of `path` that writers killed mid-write left: only this file's
 * own (`<name>.<pid>.<8 hex>.tmp`, as made above), never anything else in the folder, which for
 * the CLI's `--state FILE` may be any folder of the user's.
 */
async function removeLeftovers(path: string): Promise<void> {
  if (cleared.has(path)) return;
  cleared.add(path);
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  const names = await namesIn(folder);
  const oldest = Date.now() - LEFTOVER_AGE_MS;
  for (const name of names) {
    if (!name.startsWith(prefix) || !TEMPORARY_SUFFIX.test(name.slice(prefix.length))) continue;
    const file = join(folder, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < oldest) await rm(file, { force: true }).catch(() => undefined);
  }
}

/** What writeFileAtomic adds to a file's name for its temporary copy. */
const TEMPORARY_SUFFIX = /^\d+\.[0-9a-f]{8}\.tmp$/;

/** Some file systems cannot flush a folder; the rename has happened, only its durability is lost there. */
const UNSYNCABLE_FOLDER = new Set(['EINVAL', 'EISDIR', 'EPERM', 'EACCES', 'ENOTSUP']);

/** Windows cannot open a folder for flushing (and its renames are journalled): skip it there. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && UNSYNCABLE_FOLDER.has(String(error.code)))) throw error;
  }
}

/** True for "no such file", the one read failure that simply means "nothing stored yet". */
export function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** What a schema's safeParse answers (zod's shape), so any schema can check a file. */
interface Checked<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * A JSON file as its schema describes it: undefined when it does not exist; STORAGE_FAILED with
 * the caller's sentence when it cannot be read, or is not JSON of that shape (a damaged file is
 * reported, never guessed at).
 */
export async function readJsonFile<T>(
  path: string,
  schema: Checked<T>,
  say: { unreadable: string; damaged: string },
): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new PopbiffError('STORAGE_FAILED', say.unreadable);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const checked = schema.safeParse(json);
  if (!checked.success) throw new PopbiffError('STORAGE_FAILED', say.damaged);
  return checked.data;
}
