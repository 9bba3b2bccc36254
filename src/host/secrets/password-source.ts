import type { ServerSettings } from '../../shared/server';
import { PopbiffError } from '../../shared/errors';
import type { CommandLookup } from '../commands/command-store';
import { bindingOf, boundElsewhere, decodeBound, encodeBound, sameBinding, type SecretBinding } from './binding';
import type { SecretStore } from './secret-store';

/** Fresh OAuth access tokens (oauth/oauth-tokens.ts); undefined when the account never signed in with OAuth. */
export interface AccessTokenSource {
  /** Refuses (SECRET_OTHER_SERVER) when the sign-in was used for another server before. */
  accessToken(accountId: string, server?: SecretBinding): Promise<string | undefined>;
}

/** Where a password can come from; `run` and `oauth` default to the real ones / none. */
export interface PasswordSources {
  /** `set` binds a secret stored before binding existed to the server of its first use. */
  secrets: Pick<SecretStore, 'get' | 'set'>;
  /** The commands the user confirmed on the options page: the only argv the host ever runs. */
  commands: CommandLookup;
  run?: (argv: readonly string[]) => Promise<string>;
  oauth?: AccessTokenSource | undefined;
}

/**
 * The password for one check: the password command the host keeps for the account when it has
 * one; for an OAuth account (xoauth2/oauthbearer) a fresh access token when it signed in through
 * Popbiff; else the store. A `passwordCommand` in the request's settings is never run: it is the
 * extension's word, and an extension page can be made to say anything. A stored secret goes only
 * to the server it was given for (see binding.ts).
 */
export async function passwordFor(
  accountId: string,
  server: Pick<ServerSettings, 'auth' | 'host' | 'port' | 'username'>,
  sources: PasswordSources,
): Promise<string> {
  const command = await sources.commands.get(accountId, 'passwordCommand');
  if (command) return (sources.run ?? runPasswordCommandLazily)(command);
  const { oauth } = sources;
  const binding = bindingOf(server);
  const token = oauth && usesOAuth(server) ? await oauth.accessToken(accountId, binding) : undefined;
  return token ?? storedPassword(accountId, binding, sources.secrets);
}

async function storedPassword(
  accountId: string,
  binding: SecretBinding,
  secrets: Pick<SecretStore, 'get' | 'set'>,
): Promise<string> {
  const stored = await secrets.get(accountId);
  if (stored === undefined) throw new PopbiffError('NO_PASSWORD');
  const { secret, server } = decodeBound(stored);
  if (server === undefined) {
    // Stored before secrets were bound: it belongs to the server it is first used with.
    await secrets.set(accountId, encodeBound(secret, binding));
    return secret;
  }
  if (!sameBinding(server, binding)) throw boundElsewhere();
  return secret;
}

function usesOAuth(server: Pick<ServerSettings, 'auth'>): boolean {
  return server.auth === 'xoauth2' || server.auth === 'oauthbearer';
}

/** child_process loads only for accounts that use a command, not on every host start. */
async function runPasswordCommandLazily(argv: readonly string[]): Promise<string> {
  const { runPasswordCommand } = await import('./password-command');
  return runPasswordCommand(argv);
}
