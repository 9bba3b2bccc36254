import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PopbiffError } from '../../shared/errors';
import { isMissing, writeFileAtomic } from '../atomic-file';
import { withFileLock } from '../file-lock';
import { SharedRead } from '../shared-read';
import type { SecretStore } from './secret-store';

interface SecretsFile {
  version: 1;
  secrets: Record<string, string>;
}

/**
 * All secrets in one JSON file readable by the user only (0600), replaced atomically. Updates are
 * serialised within this process and locked against other hosts (Chrome's and Firefox's each
 * start one), so two concurrent set-secret requests cannot lose each other (see file-lock.ts).
 */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file';
  private readonly path: string;
  private readonly lookups: SharedRead;

  constructor(configDir: string) {
    this.path = join(configDir, 'secrets.json');
    this.lookups = new SharedRead(this.path);
  }

  async get(accountId: string): Promise<string | undefined> {
    const file = await this.read(() => this.lookups.text());
    if (!file) throw new PopbiffError('STORAGE_FAILED', 'The secrets file is damaged; enter the passwords again.');
    return Object.hasOwn(file.secrets, accountId) ? file.secrets[accountId] : undefined;
  }

  /** The ids with a stored secret (moving them to the keyring: move-to-keyring.ts). */
  async accountIds(): Promise<string[]> {
    const file = await this.read(() => this.lookups.text());
    if (!file) throw new PopbiffError('STORAGE_FAILED', 'The secrets file is damaged; enter the passwords again.');
    return Object.keys(file.secrets);
  }

  /** Removes the file itself, once its secrets are safely elsewhere. */
  async remove(): Promise<void> {
    await rm(this.path, { force: true });
    this.lookups.changed();
  }

  set(accountId: string, secret: string): Promise<void> {
    return this.update((secrets) => {
      secrets[accountId] = secret;
    });
  }

  delete(accountId: string): Promise<void> {
    return this.update((secrets) => {
      delete secrets[accountId];
    });
  }

  private update(change: (secrets: Record<string, string>) => void): Promise<void> {
    return withFileLock(this.path, async () => {
      // A damaged file is useless; storing a password again starts a fresh one.
      const file = (await this.read()) ?? { version: 1, secrets: {} };
      change(file.secrets);
      try {
        await this.write(file);
      } finally {
        this.lookups.changed();
      }
    });
  }

  /** The file's content, or undefined when it is damaged; a lookup may share a read under way. */
  private async read(fileText = () => readFile(this.path, 'utf8')): Promise<SecretsFile | undefined> {
    let text: string;
    try {
      text = await fileText();
    } catch (error) {
      if (isMissing(error)) return { version: 1, secrets: {} };
      throw new PopbiffError('STORAGE_FAILED', 'Could not read the secrets file.');
    }
    return parseSecrets(text);
  }

  private async write(file: SecretsFile): Promise<void> {
    try {
      await writeFileAtomic(this.path, JSON.stringify(file), 0o600);
    } catch {
      throw new PopbiffError('STORAGE_FAILED', 'Could not write the secrets file.');
    }
  }
}

function parseSecrets(text: string): SecretsFile | undefined {
  const secrets: Record<string, string> = Object.create(null) as Record<string, string>;
  try {
    const parsed = JSON.parse(text) as { secrets?: unknown };
    if (typeof parsed.secrets === 'object' && parsed.secrets !== null) {
      for (const [id, value] of Object.entries(parsed.secrets)) {
        if (typeof value === 'string') secrets[id] = value;
      }
    }
  } catch {
    // Never echo the content: it holds passwords.
    return undefined;
  }
  return { version: 1, secrets };
}
