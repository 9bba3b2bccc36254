/**
 * `popbiff check --state FILE`: the same incremental state the extension's checks keep (see
 * mailbox/check/state-store.ts), in a file the user names, so two checks in a row report only
 * what is new.
 */
import { readFile } from 'node:fs/promises';
import { PopbiffError } from '../../shared/errors';
import { isMissing, writeFileAtomic } from '../atomic-file';
import { KnownMailbox } from '../mailbox/check/known-mailbox';

/** Undefined when the file does not exist yet; a damaged file is an error, not a silent reset. */
export async function readStateFile(file: string): Promise<KnownMailbox | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new PopbiffError('STORAGE_FAILED', 'Could not read the state file.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = KnownMailbox.safeParse(json);
  if (!parsed.success)
    throw new PopbiffError('STORAGE_FAILED', 'The state file is not a Popbiff mailbox state; delete it to start over.');
  return parsed.data;
}

export async function writeStateFile(file: string, known: KnownMailbox): Promise<void> {
  try {
    await writeFileAtomic(file, JSON.stringify(known), 0o600);
  } catch {
    throw new PopbiffError('STORAGE_FAILED', 'Could not write the state file.');
  }
}
