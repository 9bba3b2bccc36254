import { rename, rm, writeFile } from 'node:fs/promises';
import { randomToken } from './random-token';

/**
 * Replaces a file so that readers see either the old or the new content, never half of one:
 * write a uniquely named sibling, then rename over (atomic within one file system).
 */
export async function writeFileAtomic(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${await randomToken(4, 'hex')}.tmp`;
  try {
    await writeFile(temporary, content, { mode, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** True for "no such file", the one read failure that simply means "nothing stored yet". */
export function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
