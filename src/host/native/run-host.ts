import { homedir } from 'node:os';
import { CommandStore } from '../commands/command-store';
import { dirname, join } from 'node:path';
import { configDirFor, ensureConfigDir } from '../config-dir';
import { entryPath, isExecutable } from '../entry-path';
import { Logger, hostLogPath } from '../log';
import { openSecretStoreInBackground } from '../secrets/choose-store';
import { OwnerIndex } from '../secrets/owners';
import { StateStore } from '../mailbox/check/state-store';
import { NewMailHooks } from '../mailbox/new-mail-hook';
import { tryFileLock } from '../file-lock';
import { cleanLine } from '../../shared/sanitize';
import { createHandlers } from './handlers';
import { callerFromArgs, callerKey, isAllowedCaller } from './origin';
import { serve } from './serve';

/**
 * The host as the browser starts it: wire the stores and handlers to stdin/stdout and serve until
 * the browser closes the port. Returns instead of calling process.exit, so queued stdout writes
 * are flushed before Node exits on its own.
 */
export async function runHost(args: readonly string[]): Promise<void> {
  const configDir = ensureConfigDir(configDirFor());
  const log = new Logger({ file: hostLogPath(configDir), stderr: process.env.POPBIFF_LOG_STDERR === '1' });
  const caller = callerFromArgs(args);
  const allowed = isAllowedCaller(caller);
  if (!allowed) log.error(`refusing caller ${JSON.stringify(args).slice(0, 300)}`);
  const commands = new CommandStore(configDir);
  // The only argv it runs is the one the user confirmed on the options page (set-command).
  const newMailHook = new NewMailHooks({
    argvFor: (id) => commands.get(id, 'onNewMail'),
    claim: (id) => tryFileLock(join(configDir, `on-new-mail-${id}`)),
    clean: cleanLine,
    log,
  });
  const handlers = createHandlers({
    // Not awaited: a first start's keyring probe must not hold up `hello` (see PROTOCOL.md).
    secrets: openSecretStoreInBackground(configDir),
    commands,
    newMailHook,
    owners: new OwnerIndex(configDir),
    caller: callerKey(caller),
    state: new StateStore(configDir),
    log,
    platform: process.platform,
    // Loaded on first use, like everything a browser's start does not need.
    publishStatus: async (summary) => (await import('../status/status-file')).writeStatus(configDir, summary),
    registrations: () => registrations(configDir),
  });
  // EPIPE here means the browser went away; nothing is left to answer, so log instead of crashing.
  process.stdout.on('error', (error) => log.error('stdout closed', error));
  await serve({ input: process.stdin, output: process.stdout, handlers, allowed, log });
  // The browser closes stdin right after a batch's last reply, before that check's on-new-mail
  // command has even been looked up. Waiting (at most its time limit) means it always starts
  // with its whole input and the limit holds while the host lives; leaving it detached would
  // give up the limit for nothing, since a browser that kills the host (Chromium: 2 s after the
  // port closes) kills only the host, and the command keeps running with its input.
  await newMailHook.settled();
}

/**
 * Read only when `hello` asks, so the install code stays off the host's start-up path. The
 * executable also reads the receipt beside itself: the Debian package ships one there.
 */
async function registrations(configDir: string): Promise<string[]> {
  const { isPlatform } = await import('../install/locations');
  if (!isPlatform(process.platform)) return [];
  const { RECEIPT_FILE, registrationsOf } = await import('../install/receipt');
  const target = { platform: process.platform, home: homedir(), configDir, programData: process.env.ProgramData };
  return registrationsOf(target, isExecutable() ? [join(dirname(entryPath()), RECEIPT_FILE)] : []);
}
