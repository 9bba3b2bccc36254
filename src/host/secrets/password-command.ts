import { spawn } from 'node:child_process';
import { PopbiffError } from '../../shared/errors';

/**
 * A password from a program the user names, e.g. ["pass", "show", "mail/work"]: run without a
 * shell (argv as given, nothing interpreted), first line of stdout, bounded in time and size.
 * Its output and stderr never reach a log or an error message: they are the secret.
 */
const TIMEOUT_MS = 10_000;
/** Far more than any password line; stops a runaway program from filling memory. */
const MAX_STDOUT_BYTES = 64 * 1024;

export function runPasswordCommand(argv: readonly string[], timeoutMs = TIMEOUT_MS): Promise<string> {
  const [program, ...args] = argv;
  if (program === undefined || program === '') return Promise.reject(failure('is empty'));
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { shell: false, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: PopbiffError | undefined, password?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill();
      if (error) reject(error);
      else resolve(password ?? '');
    };
    const timer = setTimeout(() => finish(failure(`did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
    child.on('error', () => finish(failure(`could not be started (${describeProgram(program)})`)));
    child.stdout.on('data', (data: Buffer) => {
      size += data.length;
      if (size > MAX_STDOUT_BYTES) return finish(failure('printed too much'));
      chunks.push(data);
    });
    child.on('close', (code) => {
      if (code !== 0) return finish(failure(`exited with code ${code}`));
      const line = firstLine(Buffer.concat(chunks).toString('utf8'));
      if (line === '') return finish(failure('printed no password'));
      finish(undefined, line);
    });
  });
}

export function firstLine(output: string): string {
  return output.split(/\r?\n/, 1)[0] ?? '';
}

/** Only the program's base name: its arguments may name the secret's path, harmless but private. */
function describeProgram(program: string): string {
  return program.split(/[\\/]/).pop() ?? program;
}

function failure(what: string): PopbiffError {
  return new PopbiffError('NO_PASSWORD', `The password command ${what}.`);
}
