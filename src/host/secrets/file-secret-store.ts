import { join } from 'node:path';
import { MapFile, type MapFormat, own } from '../map-file';
import type { SecretStore } from './secret-store';

const SECRETS: MapFormat<string> = {
  field: 'secrets',
  name: 'the secrets file',
  whenDamaged: 'enter the passwords again.',
  // Every password that is still a string is kept: one odd entry must not cost the others.
  parse(json) {
    if (typeof json !== 'object' || json === null) return undefined;
    const found = (json as { secrets?: unknown }).secrets;
    const secrets = Object.create(null) as Record<string, string>;
    if (typeof found !== 'object' || found === null) return secrets;
    for (const [id, value] of Object.entries(found)) {
      if (typeof value === 'string') secrets[id] = value;
    }
    return secrets;
  },
};

/**
 * All secrets in one JSON file readable by the user only (0600), replaced atomically and locked
 * against the other browser's host (map-file.ts), so two concurrent set-secret requests cannot
 * lose each other.
 */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file';
  private readonly file: MapFile<string>;

  constructor(configDir: string) {
    this.file = new MapFile(join(configDir, 'secrets.json'), SECRETS);
  }

  async get(accountId: string): Promise<string | undefined> {
    return own(await this.file.entries(), accountId);
  }

  /** The ids with a stored secret (moving them to the keyring: move-to-keyring.ts). */
  async accountIds(): Promise<string[]> {
    return Object.keys(await this.file.entries());
  }

  /** Removes the file itself, once its secrets are safely elsewhere. */
  remove(): Promise<void> {
    return this.file.remove();
  }

  set(accountId: string, secret: string): Promise<void> {
    return this.file.update((secrets) => {
      secrets[accountId] = secret;
    });
  }

  delete(accountId: string): Promise<void> {
    return this.file.update((secrets) => {
      delete secrets[accountId];
    });
  }
}
