import { readFile, rm } from 'node:fs/promises';
import { PopbiffError } from '../../shared/errors';
import { isMissing, writeFileAtomic } from '../atomic-file';
import { type HostLocation, type InstallTarget, isBrowser, launcherDir, pathsFor } from './locations';

/**
 * What `install` wrote, kept next to the launcher, so `uninstall` removes exactly that — no
 * guessing from a table that may have changed since, no touching files we did not write.
 */
export interface Receipt {
  version: 1;
  entries: HostLocation[];
}

export const RECEIPT_FILE = 'installed.json';

export function receiptPathFor(target: InstallTarget): string {
  return pathsFor(target.platform).join(launcherDir(target), RECEIPT_FILE);
}

/**
 * Every registration the receipts of a user and a system install list (manifest files, and
 * registry keys on Windows), plus those of `moreReceipts` (the Debian package's, beside its
 * program), for the options page's "registered in". A damaged receipt lists nothing rather than
 * failing `hello`.
 */
export async function registrationsOf(
  target: Omit<InstallTarget, 'scope'>,
  moreReceipts: string[] = [],
): Promise<string[]> {
  const paths = [
    ...(['user', 'system'] as const).map((scope) => receiptPathFor({ ...target, scope })),
    ...moreReceipts,
  ];
  const receipts = await Promise.all(
    [...new Set(paths)].map((path) => readReceipt(path).catch(() => ({ entries: [] }))),
  );
  const all = receipts.flatMap(({ entries }) => entries.map((entry) => entry.registryKey ?? entry.manifestPath));
  return [...new Set(all)];
}

export async function readReceipt(path: string): Promise<Receipt> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { version: 1, entries: [] };
    throw new PopbiffError('STORAGE_FAILED', `Could not read ${path}.`);
  }
  return { version: 1, entries: parseEntries(text) };
}

export async function writeReceipt(path: string, receipt: Receipt): Promise<void> {
  if (receipt.entries.length === 0) {
    await rm(path, { force: true });
    return;
  }
  await writeFileAtomic(path, `${JSON.stringify(receipt, null, 2)}\n`, 0o644);
}

/** Adds or replaces entries, one per registration (manifest file plus registry key). */
export function mergeEntries(old: HostLocation[], added: HostLocation[]): HostLocation[] {
  const key = (entry: HostLocation) => `${entry.browser}|${entry.manifestPath}|${entry.registryKey ?? ''}`;
  const merged = new Map(old.map((entry) => [key(entry), entry]));
  for (const entry of added) merged.set(key(entry), entry);
  return [...merged.values()];
}

function parseEntries(text: string): HostLocation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PopbiffError('STORAGE_FAILED', 'The install receipt is damaged; remove the host manifests by hand.');
  }
  const entries = (parsed as { entries?: unknown }).entries;
  return Array.isArray(entries) ? entries.filter(isLocation) : [];
}

function isLocation(value: unknown): value is HostLocation {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.browser === 'string' &&
    isBrowser(entry.browser) &&
    (entry.family === 'chromium' || entry.family === 'firefox') &&
    typeof entry.manifestPath === 'string' &&
    (entry.registryKey === undefined || typeof entry.registryKey === 'string')
  );
}
