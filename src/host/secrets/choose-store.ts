import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file';
import { WINDOWS_CREDENTIAL_BYTES } from './chunks';
import { DeferredSecretStore } from './deferred-secret-store';
import { FileSecretStore } from './file-secret-store';
import { type EntryFactory, KeyringSecretStore, loadKeyring } from './keyring-secret-store';
import type { SecretStore } from './secret-store';

/**
 * Which store holds this user's secrets. Decided once and remembered in `secret-store.json`:
 * switching later would strand the passwords already stored in the other one (and re-probing
 * the keyring on every host start would cost ~50 ms of start-up).
 * - POPBIFF_SECRET_STORE=file|keyring forces a choice (tests; users who distrust the keyring).
 * - An existing secrets.json means the file store is already in use: keep it.
 * - Otherwise the keyring if a probe write/read/delete works, else the 0600 file.
 */
export type SecretStoreKind = 'keyring' | 'file';

const CHOICE_FILE = 'secret-store.json';
const PROBE_TIMEOUT_MS = 3000;

export interface StoreOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  keyring?: () => EntryFactory;
}

/**
 * The store at once, for the native host: `hello` must not wait for a first start's keyring
 * probe. Its kind is known when forced or remembered; otherwise it is "pending" until chosen.
 */
export function openSecretStoreInBackground(configDir: string, options: StoreOptions = {}): SecretStore {
  return new DeferredSecretStore(
    openSecretStore(configDir, options),
    decidedKind(configDir, options.env ?? process.env),
  );
}

export async function openSecretStore(configDir: string, options: StoreOptions = {}): Promise<SecretStore> {
  const keyring = options.keyring ?? (() => loadKeyring());
  const kind = await chooseKind(configDir, options.env ?? process.env, keyring);
  if (kind === 'file') return new FileSecretStore(configDir);
  const maxBytes =
    (options.platform ?? process.platform) === 'win32' ? WINDOWS_CREDENTIAL_BYTES : Number.POSITIVE_INFINITY;
  return new KeyringSecretStore(keyring, maxBytes);
}

async function chooseKind(
  configDir: string,
  env: NodeJS.ProcessEnv,
  keyring: () => EntryFactory,
): Promise<SecretStoreKind> {
  const decided = decidedKind(configDir, env);
  if (decided) return decided;
  const kind: SecretStoreKind =
    existsSync(join(configDir, 'secrets.json')) || !(await keyringWorks(keyring)) ? 'file' : 'keyring';
  await writeFileAtomic(join(configDir, CHOICE_FILE), `${JSON.stringify({ kind })}\n`, 0o600);
  return kind;
}

/** The kind when no probe is needed: forced by the environment, or remembered. */
function decidedKind(configDir: string, env: NodeJS.ProcessEnv): SecretStoreKind | undefined {
  const forced = env.POPBIFF_SECRET_STORE;
  if (forced === 'file' || forced === 'keyring') return forced;
  return readChoice(configDir);
}

function readChoice(configDir: string): SecretStoreKind | undefined {
  try {
    const { kind } = JSON.parse(readFileSync(join(configDir, CHOICE_FILE), 'utf8')) as { kind?: unknown };
    return kind === 'keyring' || kind === 'file' ? kind : undefined;
  } catch {
    return undefined; // missing or damaged: decide afresh
  }
}

/** A throwaway entry written, read back and deleted; any failure or a hang means "no keyring". */
export async function keyringWorks(keyring: () => EntryFactory, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([roundTrip(keyring), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function roundTrip(keyring: () => EntryFactory): Promise<boolean> {
  try {
    const entry = keyring()(`probe-${randomBytes(6).toString('hex')}`);
    const value = randomBytes(8).toString('hex');
    await entry.setPassword(value);
    const same = (await entry.getPassword()) === value;
    await entry.deletePassword();
    return same;
  } catch {
    return false; // no module, no D-Bus session, locked keyring: all mean "use the file"
  }
}
