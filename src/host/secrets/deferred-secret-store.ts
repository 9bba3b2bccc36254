import { SECRET_STORE_PENDING } from '../../shared/protocol';
import type { SecretStore } from './secret-store';

/**
 * The secret store while it is being chosen: on a first start the keyring probe
 * (choose-store.ts) can take up to its timeout, and only `hello`'s `secretStore` field and the
 * password operations need the store. So the host serves at once: `kind` is the decided kind
 * when it is already known, else "pending", and the operations wait for the choice.
 */
export class DeferredSecretStore implements SecretStore {
  private chosen: SecretStore | undefined;
  private readonly store: Promise<SecretStore>;

  constructor(
    opening: Promise<SecretStore>,
    private readonly known?: string,
  ) {
    this.store = opening.then((store) => {
      this.chosen = store;
      return store;
    });
    // A failure reaches whoever uses the store (get/set/delete), never as an unhandled rejection.
    this.store.catch(() => undefined);
  }

  get kind(): string {
    return this.chosen?.kind ?? this.known ?? SECRET_STORE_PENDING;
  }

  async get(accountId: string): Promise<string | undefined> {
    return (await this.store).get(accountId);
  }

  async set(accountId: string, secret: string): Promise<void> {
    return (await this.store).set(accountId, secret);
  }

  async delete(accountId: string): Promise<void> {
    return (await this.store).delete(accountId);
  }
}
