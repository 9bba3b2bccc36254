import { watch } from 'node:fs';
import { parseArgs } from 'node:util';
import { toErrorInfo } from '../../shared/errors';
import { configDirFor, ensureConfigDir } from '../config-dir';
import { renderStatus, STATUS_FORMATS, type StatusFormat } from '../status/formats';
import { readStatus, STATUS_FILE } from '../status/status-file';
import { UsageError } from './usage-error';

/**
 * `popbiff status`: prints what the badge shows from the summary the host keeps (no password,
 * no server). `--watch` keeps running and prints a line whenever the summary changes.
 */

/** File events are the trigger; this re-read only covers file systems that do not deliver them. */
const WATCH_POLL_MS = 30_000;

export async function statusCommand(args: string[]): Promise<number> {
  const { format, watching } = parseStatusArgs(args);
  const dir = configDirFor();
  if (watching) return watchStatus(ensureConfigDir(dir), format);
  try {
    process.stdout.write(renderStatus(await readStatus(dir), format));
    return 0;
  } catch (error) {
    process.stderr.write(`${toErrorInfo(error).message}\n`);
    return 1;
  }
}

function parseStatusArgs(args: string[]): { format: StatusFormat; watching: boolean } {
  const flags = Object.fromEntries(STATUS_FORMATS.filter((f) => f !== 'plain').map((f) => [f, { type: 'boolean' }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...flags, watch: { type: 'boolean' } } as const, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'Invalid arguments.');
  }
  const chosen = STATUS_FORMATS.filter((format) => parsed.values[format] === true);
  if (chosen.length > 1) throw new UsageError(`Choose one format, not ${chosen.map((f) => `--${f}`).join(' and ')}.`);
  return { format: chosen[0] ?? 'plain', watching: parsed.values.watch === true };
}

/** Prints the current status, then each different one, until a signal or the reader goes away. */
async function watchStatus(dir: string, format: StatusFormat): Promise<number> {
  let last: string | undefined;
  let queue = Promise.resolve();
  // Serialised, so two events close together print in the order the file changed.
  const show = () => {
    queue = queue.then(async () => {
      const text = await readStatus(dir).then(
        (status) => renderStatus(status, format, true),
        () => undefined, // damaged or half-replaced: the next change or poll prints it
      );
      if (text === undefined || text === last) return;
      last = text;
      process.stdout.write(text);
    });
  };
  show();
  const watcher = watch(dir, (_event, name) => {
    if (name === STATUS_FILE) show();
  });
  const poll = setInterval(show, WATCH_POLL_MS);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    // The status bar closed the pipe: nobody reads us any more.
    process.stdout.once('error', () => resolve());
  });
  watcher.close();
  clearInterval(poll);
  return 0;
}
