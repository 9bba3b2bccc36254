import { writeFile } from 'node:fs/promises';

/**
 * Test-only: with POPBIFF_TEST_PAUSE=<point>:<marker file> in the host's environment, the host
 * writes the marker file on reaching that point and then waits there for ever, so a crash test
 * can kill it at exactly that moment (in the middle of a state write, between DELE and QUIT).
 * Without the variable it returns at once.
 */
export const PAUSE_ENV = 'POPBIFF_TEST_PAUSE';

export type PausePoint = 'before-rename' | 'before-quit';

export async function pausePoint(point: PausePoint, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const wanted = env[PAUSE_ENV];
  if (wanted === undefined || !wanted.startsWith(`${point}:`)) return;
  await writeFile(wanted.slice(point.length + 1), point);
  await new Promise<never>(() => undefined);
}
