import type { CommandStore } from '../../src/host/commands/command-store';
import type { CommandPurpose } from '../../src/shared/commands';

/** The host's command store in memory, for handler tests. */
export class MemoryCommands implements Pick<CommandStore, 'get' | 'set' | 'forget'> {
  readonly map = new Map<string, readonly string[]>();

  async get(accountId: string, purpose: CommandPurpose) {
    return this.map.get(`${accountId}/${purpose}`);
  }

  async set(accountId: string, purpose: CommandPurpose, argv: readonly string[] | undefined) {
    if (argv === undefined) this.map.delete(`${accountId}/${purpose}`);
    else this.map.set(`${accountId}/${purpose}`, argv);
  }

  async forget(accountId: string) {
    for (const key of [...this.map.keys()]) if (key.startsWith(`${accountId}/`)) this.map.delete(key);
  }
}
