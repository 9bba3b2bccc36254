import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod/mini';
import { AccountId } from '../../../shared/server';
import { PopbiffError } from '../../../shared/errors';
import { isMissing, writeFileAtomic } from '../../atomic-file';
import { KnownMailbox } from './known-mailbox';
import { randomToken } from '../../random-token';

/**
 * What the host remembers of each mailbox between checks, one small file per account, plus a
 * random token. The extension sends the token back with the next check; a mismatch (state lost,
 * restored from a backup, another browser profile) makes that check a fresh baseline rather than
 * a diff against the wrong history.
 *
 * The state before the last check is kept too, under its own token: when the extension never
 * stored the last reply (its worker stopped, the port closed mid-batch), it sends the older token
 * again, and the next check diffs against that older state, so the mail of the lost reply is
 * reported again instead of silently becoming part of a baseline.
 *
 * A save is never a read-modify-write: the check hands over the state it started from (as it
 * loaded it) and the state it found, and the whole file is replaced by an atomic rename. So two
 * hosts (Chrome's and Firefox's) saving one account at once need no lock: the file is whole,
 * and the later save wins. A lock here cost ~30 ms per check in a batch of 20, for nothing.
 */
const Snapshot = z.extend(KnownMailbox, { token: z.string() });
const StoredState = z.extend(Snapshot, { previous: z.optional(Snapshot) });
type Snapshot = z.infer<typeof Snapshot>;
type StoredState = z.infer<typeof StoredState>;

/** A state the extension holds the token of: the one a check started from. */
export interface StartedFrom {
  token: string;
  known: KnownMailbox;
}

export class StateStore {
  private readonly dir: string;
  /** The folder, created on the first save of this process (not once per check). */
  private folder: Promise<void> | undefined;

  constructor(configDir: string) {
    this.dir = join(configDir, 'state');
  }

  /** The remembered mailbox, only when `token` names the state on disk (or the one before it). */
  async load(accountId: string, token: string | undefined): Promise<KnownMailbox | undefined> {
    if (!token) return undefined;
    const found = snapshotOf(await this.read(accountId), token);
    if (!found) return undefined;
    const { token: _token, ...known } = found;
    return known;
  }

  /**
   * Remembers `known` and returns the token that names it; the state the check started from
   * (`startedFrom`, as it was loaded) stays as the previous one. A check that found the mailbox
   * as it started (most checks) writes nothing and keeps its token: the file already names that
   * state, and a batch of 20 quiet checks then costs no file writes and no flushes to disk.
   */
  async save(accountId: string, known: KnownMailbox, startedFrom?: StartedFrom): Promise<string> {
    if (startedFrom && sameOnDisk(startedFrom.known, known)) return startedFrom.token;
    const file = this.fileOf(accountId);
    const token = await randomToken(18, 'base64url');
    const previous = startedFrom ? { token: startedFrom.token, ...startedFrom.known } : undefined;
    // Every field of KnownMailbox: the server facts and the last full scan make the next check
    // O(1); dropping them would silently cost a full UIDL and a CAPA probe every time.
    const state: StoredState = { token, ...known, ...(previous ? { previous } : {}) };
    await this.ensureFolder();
    try {
      await writeFileAtomic(file, JSON.stringify(state), 0o600);
    } catch {
      this.folder = undefined; // in case the folder went away: the next save makes it again
      throw new PopbiffError('STORAGE_FAILED', 'Could not save the mailbox state.');
    }
    return token;
  }

  async delete(accountId: string): Promise<void> {
    try {
      await rm(this.fileOf(accountId), { force: true });
    } catch {
      throw new PopbiffError('STORAGE_FAILED', 'Could not delete the mailbox state.');
    }
  }

  private ensureFolder(): Promise<void> {
    this.folder ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      () => {
        this.folder = undefined; // a later save tries again
        throw new PopbiffError('STORAGE_FAILED', 'Could not create the mailbox state folder.');
      },
    );
    return this.folder;
  }

  private async read(accountId: string): Promise<StoredState | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(accountId), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new PopbiffError('STORAGE_FAILED', 'Could not read the mailbox state.');
    }
    return parseState(text);
  }

  /** Account ids are [A-Za-z0-9_-]{1,64} (AccountId schema), so they are safe file names. */
  private fileOf(accountId: string): string {
    if (!AccountId.safeParse(accountId).success) throw new PopbiffError('BAD_REQUEST', 'Invalid account id.');
    return join(this.dir, `${accountId}.json`);
  }
}

/** The stored state or the one before it, whichever `token` names, without its own `previous`. */
function snapshotOf(stored: StoredState | undefined, token: string): Snapshot | undefined {
  if (!stored) return undefined;
  const { previous, ...current } = stored;
  if (current.token === token) return current;
  return previous?.token === token ? previous : undefined;
}

/**
 * Equal as the file holds them: a check's own object carries keys set to undefined (a sign-in
 * method not learned), which JSON drops, so comparing the objects as they are never matched a
 * loaded state and every quiet check rewrote its file. The UIDs (up to 100,000) are compared
 * one by one, the small rest as JSON would keep it.
 */
function sameOnDisk(loaded: KnownMailbox, found: KnownMailbox): boolean {
  const { uids: loadedUids, ...loadedRest } = loaded;
  const { uids: foundUids, ...foundRest } = found;
  return (
    loadedUids.length === foundUids.length &&
    loadedUids.every((uid, i) => uid === foundUids[i]) &&
    isDeepStrictEqual(loadedRest, JSON.parse(JSON.stringify(foundRest)))
  );
}

/** A damaged state file counts as lost state: the next check is a baseline. */
function parseState(text: string): StoredState | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = StoredState.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
