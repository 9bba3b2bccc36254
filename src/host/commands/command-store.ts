import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { AccountId } from '../../shared/server';
import { CommandArgv, type CommandPurpose } from '../../shared/commands';
import { PopbiffError } from '../../shared/errors';
import { isMissing, writeFileAtomic } from '../atomic-file';
import { withFileLock } from '../file-lock';

/**
 * The programs the user confirmed for each account (password command, mail client, ...), kept by
 * the host in `commands.json` (0600). The extension can ask to run "the account's mail client",
 * never a program it names; see src/shared/commands.ts.
 */
const CommandsFile = z.object({
  version: z.literal(1),
  commands: z.record(AccountId, z.record(z.string(), CommandArgv)),
});
type CommandsFile = z.infer<typeof CommandsFile>;

export type CommandLookup = Pick<CommandStore, 'get'>;

export class CommandStore {
  private readonly path: string;

  constructor(configDir: string) {
    this.path = join(configDir, 'commands.json');
  }

  /** The confirmed argv, or undefined when the user set none. A damaged file runs nothing. */
  async get(accountId: string, purpose: CommandPurpose): Promise<readonly string[] | undefined> {
    const file = await this.read();
    if (!file) throw damaged();
    const argv = Object.hasOwn(file.commands, accountId) ? file.commands[accountId] : undefined;
    return argv && Object.hasOwn(argv, purpose) ? argv[purpose] : undefined;
  }

  /** Stores (or with `argv` undefined, removes) one account's command for one purpose. */
  set(accountId: string, purpose: CommandPurpose, argv: readonly string[] | undefined): Promise<void> {
    return this.update((commands) => {
      const own = { ...(Object.hasOwn(commands, accountId) ? commands[accountId] : {}) };
      if (argv === undefined) delete own[purpose];
      else own[purpose] = [...argv];
      if (Object.keys(own).length === 0) delete commands[accountId];
      else commands[accountId] = own;
    });
  }

  /** Forgets every command of an account (it was deleted). */
  forget(accountId: string): Promise<void> {
    return this.update((commands) => {
      delete commands[accountId];
    });
  }

  private update(change: (commands: CommandsFile['commands']) => void): Promise<void> {
    return withFileLock(this.path, async () => {
      // A damaged file is useless; confirming a command again starts a fresh one.
      const file = (await this.read()) ?? { version: 1, commands: {} };
      const commands = Object.assign(Object.create(null) as CommandsFile['commands'], file.commands);
      change(commands);
      try {
        await writeFileAtomic(this.path, JSON.stringify({ version: 1, commands }), 0o600);
      } catch {
        throw new PopbiffError('STORAGE_FAILED', 'Could not write the commands file.');
      }
    });
  }

  private async read(): Promise<CommandsFile | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return { version: 1, commands: {} };
      throw new PopbiffError('STORAGE_FAILED', 'Could not read the commands file.');
    }
    try {
      const parsed = CommandsFile.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}

function damaged(): PopbiffError {
  return new PopbiffError('STORAGE_FAILED', 'The commands file is damaged; confirm the commands again in the options.');
}
