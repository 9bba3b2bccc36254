/** Where the host keeps account passwords, keyed by account id. Secrets never leave the host. */
export interface SecretStore {
  /** Shown by `hello` and `doctor`: "keyring" or "file" (see choose-store.ts). */
  readonly kind: string;
  get(accountId: string): Promise<string | undefined>;
  set(accountId: string, secret: string): Promise<void>;
  delete(accountId: string): Promise<void>;
}
