import { PopbiffError } from '../../shared/errors';
import { OAuthProviderId } from '../../shared/oauth';
import { SecretBinding } from '../secrets/binding';
import type { SecretStore } from '../secrets/secret-store';

/**
 * Refresh tokens live in the account's SecretStore beside its password, under a key of their own
 * (account ids cannot contain ":", so no account's password can collide with it). The provider
 * is stored with the token: a check carries only server settings, and the token must go back to
 * the endpoint that issued it.
 */
export interface RefreshRecord {
  provider: OAuthProviderId;
  refreshToken: string;
  /** The server the sign-in was first used with; the token is refused for any other. */
  server?: SecretBinding | undefined;
}

export const refreshKey = (accountId: string) => `${accountId}:oauth`;

export async function readRefreshRecord(
  secrets: Pick<SecretStore, 'get'>,
  accountId: string,
): Promise<RefreshRecord | undefined> {
  const stored = await secrets.get(refreshKey(accountId));
  if (stored === undefined) return undefined;
  const record = parseRecord(stored);
  if (!record) throw new PopbiffError('OAUTH_FAILED', 'The stored sign-in is damaged; sign in again.');
  return record;
}

export function writeRefreshRecord(
  secrets: Pick<SecretStore, 'set'>,
  accountId: string,
  record: RefreshRecord,
): Promise<void> {
  return secrets.set(refreshKey(accountId), JSON.stringify({ v: 1, ...record }));
}

export function deleteRefreshRecord(secrets: Pick<SecretStore, 'delete'>, accountId: string): Promise<void> {
  return secrets.delete(refreshKey(accountId));
}

function parseRecord(stored: string): RefreshRecord | undefined {
  try {
    const { provider, refreshToken, server } = JSON.parse(stored) as Record<string, unknown>;
    const id = OAuthProviderId.safeParse(provider);
    if (!id.success || typeof refreshToken !== 'string' || refreshToken === '') return undefined;
    if (server === undefined) return { provider: id.data, refreshToken };
    const bound = SecretBinding.safeParse(server);
    return bound.success ? { provider: id.data, refreshToken, server: bound.data } : undefined;
  } catch {
    return undefined; // never echo the content: it is the token
  }
}
