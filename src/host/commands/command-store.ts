import { join } from 'node:path';
import * as z from 'zod/mini';
import { AccountId } from '../../shared/server';
import { CommandArgv, type CommandPurpose } from '../../shared/commands';
import { MapFile, type MapFormat, own } from '../map-file';

/**
 * The programs the user confirmed for each account (password command, mail client, ...), kept by
 * the host in `commands.json` (0600). The extension can ask to run "the account's mail client",
 * never a program it names; see src/shared/commands.ts.
 */
const CommandsFile = z.object({
  version: z.literal(1),
  commands: z.record(AccountId, z.record(z.string(), CommandArgv)),
});
type AccountCommands = Partial<Record<CommandPurpose, readonly string[]>>;

const COMMANDS: MapFormat<AccountCommands> = {
  field: 'commands',
  name: 'the commands file',
  whenDamaged: 'confirm the commands again in the options.',
  // A damaged file runs nothing: the whole file must have its shape.
  parse(json) {
    const parsed = CommandsFile.safeParse(json);
    return parsed.success ? parsed.data.commands : undefined;
  },
};

export type CommandLookup = Pick<CommandStore, 'get'>;

export class CommandStore {
  private readonly file: MapFile<AccountCommands>;

  constructor(configDir: string) {
    this.file = new MapFile(join(configDir, 'commands.json'), COMMANDS);
  }

  /** The confirmed argv, or undefined when the user set none. A damaged file runs nothing. */
  async get(accountId: string, purpose: CommandPurpose): Promise<readonly string[] | undefined> {
    const commands = own(await this.file.entries(), accountId);
    return commands ? own(commands, purpose) : undefined;
  }

  /** Stores (or with `argv` undefined, removes) one account's command for one purpose. */
  set(accountId: string, purpose: CommandPurpose, argv: readonly string[] | undefined): Promise<void> {
    return this.file.update((commands) => {
      const mine: AccountCommands = { ...own(commands, accountId) };
      if (argv === undefined) delete mine[purpose];
      else mine[purpose] = [...argv];
      if (Object.keys(mine).length === 0) delete commands[accountId];
      else commands[accountId] = mine;
    });
  }

  /** Forgets every command of an account (it was deleted). */
  forget(accountId: string): Promise<void> {
    return this.file.update((commands) => {
      delete commands[accountId];
    });
  }
}
