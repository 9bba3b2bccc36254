import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { AccountId } from '../../shared/server';
import { PopbiffError } from '../../shared/errors';
import { isMissing, writeFileAtomic } from '../atomic-file';
import { withFileLock } from '../file-lock';

/**
 * Which extension (Chrome's, Firefox's, ...) each account's secrets, sign-in and commands belong
 * to, in `owners.json`. Chrome and Firefox on one computer share one host folder with different
 * accounts: when one of them says which accounts it still has (`retain-accounts`), only its own
 * leftovers may go. Accounts stored before this index existed have no owner and are never dropped.
 */
const OwnersFile = z.object({ version: z.literal(1), owners: z.record(AccountId, z.string()) });
type Owners = Record<string, string>;

export class OwnerIndex {
  private readonly path: string;

  constructor(configDir: string) {
    this.path = join(configDir, 'owners.json');
  }

  /** Records that `caller` stored something for the account. */
  own(accountId: string, caller: string): Promise<void> {
    return this.update((owners) => {
      owners[accountId] = caller;
    });
  }

  /** Takes `caller`'s accounts that are not in `keep` out of the index and returns them. */
  async release(caller: string, keep: readonly string[]): Promise<string[]> {
    const kept = new Set(keep);
    let released: string[] = [];
    await this.update((owners) => {
      released = Object.keys(owners).filter((id) => owners[id] === caller && !kept.has(id));
      for (const id of released) delete owners[id];
    });
    return released;
  }

  private update(change: (owners: Owners) => void): Promise<void> {
    return withFileLock(this.path, async () => {
      const owners = Object.assign(Object.create(null) as Owners, await this.read());
      change(owners);
      try {
        await writeFileAtomic(this.path, JSON.stringify({ version: 1, owners }), 0o600);
      } catch {
        throw new PopbiffError('STORAGE_FAILED', 'Could not write the account owners file.');
      }
    });
  }

  /** A damaged index owns nothing: nothing is dropped on its word. */
  private async read(): Promise<Owners> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return {};
      throw new PopbiffError('STORAGE_FAILED', 'Could not read the account owners file.');
    }
    try {
      const parsed = OwnersFile.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.owners : {};
    } catch {
      return {};
    }
  }
}
