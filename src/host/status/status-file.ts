import { join } from 'node:path';
import * as z from 'zod/mini';
import { PopbiffError } from '../../shared/errors';
import { StatusSummary } from '../../shared/status';
import { readJsonFile, writeFileAtomic } from '../atomic-file';

/**
 * The badge's summary on disk (`status.json` in the config folder, 0600), written whole and
 * atomically so `popbiff status --watch` never reads half of one.
 */
export const STATUS_FILE = 'status.json';

export const StoredStatus = z.extend(StatusSummary, { version: z.literal(1), updatedAt: z.number() });
export type StoredStatus = z.infer<typeof StoredStatus>;

export function statusPath(configDir: string): string {
  return join(configDir, STATUS_FILE);
}

export async function writeStatus(configDir: string, summary: StatusSummary, now = Date.now()): Promise<void> {
  const stored: StoredStatus = { version: 1, updatedAt: now, accounts: summary.accounts };
  try {
    await writeFileAtomic(statusPath(configDir), `${JSON.stringify(stored)}\n`, 0o600);
  } catch {
    throw new PopbiffError('STORAGE_FAILED', 'Could not save the status summary.');
  }
}

/** The summary, or undefined when none was written yet; a damaged file is reported, not guessed at. */
export function readStatus(configDir: string): Promise<StoredStatus | undefined> {
  return readJsonFile(statusPath(configDir), StoredStatus, {
    unreadable: 'Could not read the status summary.',
    damaged: 'The status summary is damaged; it is rewritten after the next check.',
  });
}
