import { POPBIFF_VERSION } from '../../shared/version';
import { isExecutable } from '../entry-path';
import { CHECK_USAGE } from './usage';
import { UsageError } from './usage-error';

const USAGE = `Popbiff ${POPBIFF_VERSION}: tells you from the browser toolbar that POP3 mail has arrived.

Usage:
  ${CHECK_USAGE}
      Check a mailbox once and list the newest messages (never deletes or downloads mail).
      The password comes from POPBIFF_PASSWORD or is asked for on the terminal.
      --transcript: also print the session (passwords masked) and what the server supports
      (TLS version and certificate, capabilities, sign-in method, timings, round trips).
      --state FILE: remember the mailbox in FILE, so the next run lists only what is new.
  popbiff install [--browser NAME ...] [--system] [--profile-dir DIR] [--dev]
      Register the host with the browsers found (or named: chrome, chromium, edge, brave,
      vivaldi, firefox, librewolf); --system for every user (needs root/administrator);
      DIR: a Chromium --user-data-dir; --dev: also answer an unpacked (development) copy.
  popbiff uninstall [--browser NAME ...] [--system] [--profile-dir DIR]
      Remove what install wrote (all of it, or for the browsers named).
  popbiff doctor [--browser NAME ...] [--system] [--profile-dir DIR]
      Check each registration and that the host answers; prints how to fix each problem.
  popbiff find-accounts [--json]
      List the POP3 accounts set up in Thunderbird, Evolution, KMail, Claws Mail and Outlook
      (read-only, never a password), each with the "popbiff check" that checks it.
  popbiff status [--json | --waybar | --i3blocks | --polybar] [--watch]
      Print what the toolbar badge shows, per account and in total, from the summary the
      extension leaves after each check (no password, no server contacted). --json: one object;
      --waybar, --i3blocks, --polybar: those status bars' formats; --watch: keep running and
      print a new line whenever it changes.
  popbiff --version | --help
`;

/** The executable is called popbiff-host; the npm package's command is popbiff. */
const help = () => (isExecutable() ? USAGE.replace(/^ {2}popbiff /gm, '  popbiff-host ') : USAGE);

/** Each command's module is loaded on use, so one command never loads another's code (check: the POP3 engine). */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  check: async (args) => (await import('./check-command')).checkCommand(args),
  install: async (args) => (await import('./host-commands')).installCommand(args),
  uninstall: async (args) => (await import('./host-commands')).uninstallCommand(args),
  doctor: async (args) => (await import('./host-commands')).doctorCommand(args),
  'find-accounts': async (args) => (await import('./find-accounts-command')).findAccountsCommand(args),
  status: async (args) => (await import('./status-command')).statusCommand(args),
};

/** Runs one CLI command; returns the exit code (0 fine, 1 failed, 2 usage error). */
export async function runCli(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(help());
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${POPBIFF_VERSION}\n`);
    return 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    process.stderr.write(`Unknown command "${command}".\n\n${help()}`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
}
