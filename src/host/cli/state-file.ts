/**
 * `popbiff check --state FILE`: the same incremental state the extension's checks keep (see
 * mailbox/check/state-store.ts), in a file the user names, so two checks in a row report only
 * what is new. The file names the mailbox it describes: what it remembers of one server (its
 * UIDs, what it offered) must never steer a check of another.
 */
import * as z from 'zod/mini';
import { PopbiffError } from '../../shared/errors';
import { readJsonFile, writeFileAtomic } from '../atomic-file';
import { KnownMailbox } from '../mailbox/check/known-mailbox';
import { SecretBinding, bindingOf, sameBinding } from '../secrets/binding';

const StateFileJson = z.extend(KnownMailbox, { server: z.optional(SecretBinding) });

type Mailbox = Parameters<typeof bindingOf>[0];

/**
 * Undefined when the file does not exist yet; a damaged file, or one written for another host,
 * port or user name, is an error, not a silent reset. A file from before it named its mailbox is
 * taken as this one's (and names it from the next write on).
 */
export async function readStateFile(file: string, mailbox: Mailbox): Promise<KnownMailbox | undefined> {
  const stored = await readJsonFile(file, StateFileJson, {
    unreadable: 'Could not read the state file.',
    damaged: 'The state file is not a Popbiff mailbox state; delete it to start over.',
  });
  if (stored === undefined) return undefined;
  const { server, ...known } = stored;
  if (server !== undefined && !sameBinding(server, bindingOf(mailbox)))
    throw new PopbiffError(
      'STORAGE_FAILED',
      'The state file belongs to another mailbox (server, port or user name); give another file or delete it.',
    );
  return known;
}

export async function writeStateFile(file: string, known: KnownMailbox, mailbox: Mailbox): Promise<void> {
  try {
    await writeFileAtomic(file, JSON.stringify({ ...known, server: bindingOf(mailbox) }), 0o600);
  } catch {
    throw new PopbiffError('STORAGE_FAILED', 'Could not write the state file.');
  }
}
