import { PopbiffError } from '../../shared/errors';
import type { ServerSettings } from '../../shared/account';
import type { SecretStore } from './secret-store';

/** The password for one check: the account's passwordCommand when it has one, else the store. */
export async function passwordFor(
  accountId: string,
  server: Pick<ServerSettings, 'passwordCommand'>,
  secrets: Pick<SecretStore, 'get'>,
  run: (argv: readonly string[]) => Promise<string> = runPasswordCommandLazily,
): Promise<string> {
  const password = server.passwordCommand ? await run(server.passwordCommand) : await secrets.get(accountId);
  if (password === undefined) throw new PopbiffError('NO_PASSWORD');
  return password;
}

/** child_process loads only for accounts that use a command, not on every host start. */
async function runPasswordCommandLazily(argv: readonly string[]): Promise<string> {
  const { runPasswordCommand } = await import('./password-command');
  return runPasswordCommand(argv);
}
