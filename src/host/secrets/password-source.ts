import { PopbiffError } from '../../shared/errors';
import type { ServerSettings } from '../../shared/account';
import type { SecretStore } from './secret-store';

/** Fresh OAuth access tokens (oauth/oauth-tokens.ts); undefined when the account never signed in with OAuth. */
export interface AccessTokenSource {
  accessToken(accountId: string): Promise<string | undefined>;
}

/**
 * The password for one check: the account's passwordCommand when it has one; for an OAuth
 * account (xoauth2/oauthbearer) a fresh access token when it signed in through Popbiff; else the store.
 */
export async function passwordFor(
  accountId: string,
  server: Pick<ServerSettings, 'passwordCommand' | 'auth'>,
  secrets: Pick<SecretStore, 'get'>,
  run: (argv: readonly string[]) => Promise<string> = runPasswordCommandLazily,
  oauth?: AccessTokenSource,
): Promise<string> {
  if (server.passwordCommand) return run(server.passwordCommand);
  const token = oauth && usesOAuth(server) ? await oauth.accessToken(accountId) : undefined;
  const password = token ?? (await secrets.get(accountId));
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
