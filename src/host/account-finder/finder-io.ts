import { execFile } from 'node:child_process';
import { open, readdir, stat } from 'node:fs/promises';
import { win32 } from 'node:path';
import { FINDER_LIMITS } from './limits';

/** What the finder asks of the machine; tests pass recording or scripted versions. */
export interface FinderIo {
  /** A regular file's text, at most `maxBytes` of it; `too-large` above that; undefined when absent. */
  readText(path: string, maxBytes: number): Promise<string | 'too-large' | undefined>;
  /** The names in a folder; empty when it does not exist. */
  list(dir: string): Promise<string[]>;
  /** `reg.exe` with these arguments (Windows only): its output, or why there is none. */
  reg?(args: readonly string[]): Promise<RegOutcome>;
}

export type RegOutcome = { kind: 'ok'; output: string } | { kind: 'missing' } | { kind: 'too-large' };

export const nodeFinderIo = (env: NodeJS.ProcessEnv, platform: string): FinderIo => ({
  readText,
  list: (dir) => readdir(dir).catch(() => []),
  ...(platform === 'win32' ? { reg: (args) => runReg(env, args) } : {}),
});

async function readText(path: string, maxBytes: number): Promise<string | 'too-large' | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // Checked before opening: opening a FIFO named like a settings file would block, a device never ends.
    const stats = await stat(path);
    if (!stats.isFile()) return undefined;
    if (stats.size > maxBytes) return 'too-large';
    handle = await open(path, 'r');
    // At most the size seen, so the cap holds even if the file grows meanwhile (mail programs
    // replace their settings files whole, so a read never sees half a write).
    const buffer = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/** reg.exe by its full path (never found through PATH), argv only, no shell. */
function runReg(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<RegOutcome> {
  const reg = win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe');
  return new Promise((resolve) => {
    execFile(
      reg,
      [...args],
      {
        windowsHide: true,
        timeout: FINDER_LIMITS.registryTimeoutMs,
        maxBuffer: FINDER_LIMITS.maxRegistryOutputBytes,
        encoding: 'utf8',
      },
      (error, stdout) => {
        if (!error) resolve({ kind: 'ok', output: stdout });
        // reg.exe exits with 1 when the key does not exist: that Outlook version was never set up.
        else if ((error as { code?: unknown }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          resolve({ kind: 'too-large' });
        else resolve({ kind: 'missing' });
      },
    );
  });
}
