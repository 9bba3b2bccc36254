import type { ServerSettings } from '../../shared/account';
import { PopbiffError } from '../../shared/errors';
import type { CommandLookup } from '../commands/command-store';
import type { SecretStore } from './secret-store';

/** Fresh OAuth access tokens (oauth/oauth-tokens.ts); undefined when the account never signed in with OAuth. */
export interface AccessTokenSource {
  accessToken(accountId: string): Promise<string | undefined>;
}

/** Where a password can come from; `run` and `oauth` default to the real ones / none. */
export interface PasswordSources {
  secrets: Pick<SecretStore, 'get'>;
  /** The commands the user confirmed on the options page: the only argv the host ever runs. */
  commands: CommandLookup;
  run?: (argv: readonly string[]) => Promise<string>;
  oauth?: AccessTokenSource | undefined;
}

/**
 * The password for one check: the password command the host keeps for the account when it has
 * one; for an OAuth account (xoauth2/oauthbearer) a fresh access token when it signed in through
 * Popbiff; else the store. A `passwordCommand` in the request's settings is never run: it is the
 * extension's word, and an extension page can be made to say anything.
 */
export async function passwordFor(
  accountId: string,
  server: Pick<ServerSettings, 'auth'>,
  sources: PasswordSources,
): Promise<string> {
  const command = await sources.commands.get(accountId, 'passwordCommand');
  if (command) return (sources.run ?? runPasswordCommandLazily)(command);
  const { oauth } = sources;
  const token = oauth && usesOAuth(server) ? await oauth.accessToken(accountId) : undefined;
  const password = token ?? (await sources.secrets.get(accountId));
  if (password === undefined) throw new PopbiffError('NO_PASSWORD');
  return password;
}

function usesOAuth(server: Pick<ServerSettings, 'auth'>): boolean {
  return server.auth === 'xoauth2' || server.auth === 'oauthbearer';
}

/** child_process loads only for accounts that use a command, not on every host start. */
async function runPasswordCommandLazily(argv: readonly string[]): Promise<string> {
  const { runPasswordCommand } = await import('./password-command');
  return runPasswordCommand(argv);
}
