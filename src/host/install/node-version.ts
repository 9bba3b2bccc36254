import { execFile } from 'node:child_process';

/** The oldest Node the host bundle is built for (vite target node20; package engines). */
export const MIN_NODE_MAJOR = 20;

/** `v20.11.1` → 20; undefined for anything else. */
export function majorOf(version: string): number | undefined {
  const match = /^v(\d+)\.\d+\.\d+/.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}

/** Runs `NODE --version` (no shell, bounded); undefined when it does not run or prints garbage. */
export function nodeVersionOf(nodePath: string, timeoutMs = 5000): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(nodePath, ['--version'], { timeout: timeoutMs, windowsHide: true }, (error, stdout) => {
      const version = stdout.trim();
      resolve(error || majorOf(version) === undefined ? undefined : version);
    });
  });
}
