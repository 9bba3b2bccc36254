export type SecretStoreNote = 'keyring-unanswered' | 'moved-to-keyring';

/** Where the host keeps account passwords, keyed by account id. Secrets never leave the host. */
export interface SecretStore {
  /** Shown by `hello` and `doctor`: "keyring" or "file" (see choose-store.ts). */
  readonly kind: string;
  /**
   * What the options page should tell the user about the store, if anything: the keyring did
   * not answer in time (the file is used until it does), or the secrets were moved into it.
   */
  readonly note?: SecretStoreNote | undefined;
  get(accountId: string): Promise<string | undefined>;
  set(accountId: string, secret: string): Promise<void>;
  delete(accountId: string): Promise<void>;
}
