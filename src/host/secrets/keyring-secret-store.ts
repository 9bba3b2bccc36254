import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PopbiffError } from '../../shared/errors';
import { currentEntry, isExecutable } from '../entry-path';
import { CHUNK_HEADER, chunkHeader, partAccount, partCount, splitSecret } from './chunks';
import type { SecretStore } from './secret-store';

/**
 * Secrets in the OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows) through @napi-rs/keyring: one entry per account under the service "popbiff", split
 * into parts where the platform limits entry size (see chunks.ts).
 */
export const KEYRING_SERVICE = 'popbiff';

/** The part of @napi-rs/keyring's AsyncEntry we use. */
export interface KeyringEntry {
  setPassword(password: string): Promise<void>;
  getPassword(): Promise<string | null | undefined>;
  deletePassword(): Promise<boolean>;
}
export type EntryFactory = (account: string) => KeyringEntry;

/** The @napi-rs/keyring addon's file name beside the self-contained executable (scripts/package.ts). */
export const KEYRING_ADDON = 'keyring.node';

type KeyringModule = { AsyncEntry: new (service: string, account: string) => KeyringEntry };

/**
 * Loaded on first use, not at start: it is native code that cannot be bundled, and most host
 * starts never touch a secret. Throws when it is not installed.
 */
export function loadKeyring(service = KEYRING_SERVICE): EntryFactory {
  const { AsyncEntry } = isExecutable() ? addonBesideExecutable() : moduleFromNodeModules();
  return (account) => new AsyncEntry(service, account);
}

/** npm path: the package, found through node_modules. */
function moduleFromNodeModules(): KeyringModule {
  // A computed name keeps the bundler from trying to inline the native module.
  const moduleName = ['@napi-rs', 'keyring'].join('/');
  return createRequire(import.meta.url)(moduleName) as KeyringModule;
}

/**
 * Executable: `require` sees only built-in modules there, so the addon file that ships beside
 * the program is opened directly (it is what the package's index.js would load).
 */
function addonBesideExecutable(): KeyringModule {
  const addon = { exports: {} };
  process.dlopen(addon, join(dirname(currentEntry().path), KEYRING_ADDON));
  return addon.exports as KeyringModule;
}

/**
 * Operations run one at a time: a secret in parts is several entries, and two overlapping
 * set-secret requests must not interleave them.
 */
export class KeyringSecretStore implements SecretStore {
  readonly kind = 'keyring';
  private factory: EntryFactory | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly openEntry: () => EntryFactory,
    /** Bytes per entry; Infinity where the keyring has no practical limit. */
    private readonly maxBytes: number,
  ) {}

  get(accountId: string): Promise<string | undefined> {
    return this.serialised(() => this.getNow(accountId));
  }

  set(accountId: string, secret: string): Promise<void> {
    return this.serialised(() => this.setNow(accountId, secret));
  }

  delete(accountId: string): Promise<void> {
    return this.serialised(() => this.deleteNow(accountId));
  }

  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation);
    this.queue = next.catch(() => undefined); // a failure is the caller's; the queue moves on
    return next;
  }

  private async getNow(accountId: string): Promise<string | undefined> {
    const stored = await this.read(accountId);
    if (stored === undefined) return undefined;
    const count = partCount(stored);
    if (count === undefined) return stored;
    const parts: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const part = await this.read(partAccount(accountId, index));
      if (part === undefined)
        throw new PopbiffError(
          'STORAGE_FAILED',
          'Part of the stored password is missing from the keyring; enter it again.',
        );
      parts.push(part);
    }
    return parts.join('');
  }

  private async setNow(accountId: string, secret: string): Promise<void> {
    await this.deleteNow(accountId);
    const parts = splitSecret(secret, this.maxBytes);
    if (parts.length === 1 && !secret.startsWith(CHUNK_HEADER)) {
      await this.write(accountId, secret);
      return;
    }
    // Parts first, header last: a reader never sees a header whose parts are not all there.
    for (const [index, part] of parts.entries()) await this.write(partAccount(accountId, index), part);
    await this.write(accountId, chunkHeader(parts.length));
  }

  private async deleteNow(accountId: string): Promise<void> {
    const stored = await this.read(accountId);
    if (stored === undefined) return;
    const count = partCount(stored) ?? 0;
    await this.remove(accountId);
    for (let index = 0; index < count; index += 1) await this.remove(partAccount(accountId, index));
  }

  private entry(account: string): KeyringEntry {
    this.factory ??= this.openEntry();
    return this.factory(account);
  }

  // The keyring's own error texts are never passed on: they could name the entry's content.
  private async read(account: string): Promise<string | undefined> {
    try {
      return (await this.entry(account).getPassword()) ?? undefined;
    } catch {
      throw unavailable('read');
    }
  }

  private async write(account: string, value: string): Promise<void> {
    try {
      await this.entry(account).setPassword(value);
    } catch {
      throw unavailable('write');
    }
  }

  private async remove(account: string): Promise<void> {
    try {
      await this.entry(account).deletePassword();
    } catch {
      throw unavailable('delete');
    }
  }
}

function unavailable(what: 'read' | 'write' | 'delete'): PopbiffError {
  return new PopbiffError('STORAGE_FAILED', `Could not ${what} the password in the system keyring; is it unlocked?`);
}
