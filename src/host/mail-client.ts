import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { PopbiffError } from '../shared/errors';

/**
 * Starts the desktop mail client for "open the client". Only argv arrays, never a shell: the
 * command comes from the account's settings or from the table below, and nothing in it ever
 * comes from mail data, so a subject or address can never become a command.
 */

export type Argv = readonly [string, ...string[]];

/** Each platform's default mail client, as programs to try in order (the next when one is missing). */
const DEFAULT_CLIENTS: Record<string, readonly Argv[]> = {
  // xdg-email opens the desktop's mail client; xdg-open with a bare mailto: is the older way.
  linux: [['xdg-email'], ['xdg-open', 'mailto:']],
  // Apple Mail by name; if it was removed, whatever handles mailto:.
  darwin: [
    ['open', '-a', 'Mail'],
    ['open', 'mailto:'],
  ],
  // `start` is a cmd built-in. Its first quoted argument is a window title, hence the empty one:
  // Node quotes '' as "" on the command line, so cmd sees `start "" mailto:`.
  win32: [['cmd', '/c', 'start', '', 'mailto:']],
};

/** The programs to try, in order: the account's own command alone, else the platform's defaults. */
export function mailClientCandidates(platform: string, command?: readonly string[]): readonly Argv[] {
  const [program, ...args] = command ?? [];
  if (program !== undefined) return [[program, ...args]];
  // The BSDs and other Unix desktops use the freedesktop tools too.
  return DEFAULT_CLIENTS[platform] ?? DEFAULT_CLIENTS.linux ?? [];
}

/** The bit of a child process this module uses; Node's ChildProcess fits, tests pass a fake. */
export interface StartedProcess {
  once(event: 'spawn', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  unref(): void;
}

export type Spawner = (
  file: string,
  args: readonly string[],
  options: { detached: true; stdio: 'ignore'; shell: false; windowsHide: true },
) => StartedProcess;

/**
 * Detached in its own process group with stdio ignored, so the client outlives the host (which
 * exits when the browser closes the port) and can never write into the protocol's stdout.
 */
export function startProgram(argv: Argv, spawner: Spawner = spawn): Promise<void> {
  const [file, ...args] = argv;
  return new Promise((resolve, reject) => {
    let started = false;
    const child = spawner(file, args, { detached: true, stdio: 'ignore', shell: false, windowsHide: true });
    // Stays attached after the start: an 'error' event without a listener would crash the host.
    child.on('error', (error) => {
      if (!started) reject(error);
    });
    child.once('spawn', () => {
      started = true;
      child.unref();
      resolve();
    });
  });
}

/** Tries each candidate; a default that is not installed gives way to the next one. */
export async function openMailClient(
  platform: string,
  command: readonly string[] | undefined,
  spawner?: Spawner,
): Promise<void> {
  let failure: PopbiffError = new PopbiffError('CLIENT_FAILED', 'No mail client is known for this system.');
  for (const argv of mailClientCandidates(platform, command)) {
    try {
      await startProgram(argv, spawner);
      return;
    } catch (error) {
      failure = clientFailed(argv[0], error);
      if (command !== undefined || errnoCode(error) !== 'ENOENT') break;
    }
  }
  throw failure;
}

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

const REASONS: Record<string, string> = {
  ENOENT: 'the program was not found',
  EACCES: 'the program may not be run (permission denied)',
};

/** Names only the program's file name and the system's reason: arguments stay out of messages. */
function clientFailed(program: string, error: unknown): PopbiffError {
  const code = errnoCode(error);
  const reason = code === undefined ? 'it did not start' : (REASONS[code] ?? code);
  return new PopbiffError('CLIENT_FAILED', `Could not start the mail client "${basename(program)}": ${reason}.`);
}
