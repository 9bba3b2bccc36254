import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file';
import { randomToken } from '../random-token';
import { WINDOWS_CREDENTIAL_BYTES } from './chunks';
import { DeferredSecretStore } from './deferred-secret-store';
import { FileSecretStore } from './file-secret-store';
import { type EntryFactory, KeyringSecretStore, loadKeyring } from './keyring-secret-store';
import { moveToKeyring } from './move-to-keyring';
import type { SecretStore, SecretStoreNote } from './secret-store';

/**
 * Which store holds this user's secrets. Decided once and remembered in `secret-store.json`:
 * switching later would strand the passwords already stored in the other one (and re-probing
 * the keyring on every host start would cost ~50 ms of start-up).
 * - POPBIFF_SECRET_STORE=file|keyring forces a choice (tests; users who distrust the keyring).
 * - An existing secrets.json means the file store is already in use: keep it.
 * - Otherwise the keyring if a probe write/read/delete works, else the 0600 file.
 * A probe that times out is not a decision (a keyring busy at log-in answers late): the file is
 * used for now, marked pending, and the keyring is probed again on the next start; once it
 * works, the file's secrets move into it (move-to-keyring.ts) and the options page says so.
 */
export type SecretStoreKind = 'keyring' | 'file';

const CHOICE_FILE = 'secret-store.json';
const PROBE_TIMEOUT_MS = 3000;

interface Choice {
  kind: SecretStoreKind;
  /** The keyring did not answer in time: probe again on the next start. */
  pending?: boolean;
  /** When the file's secrets were moved into the keyring (epoch ms). */
  movedAt?: number;
}

export interface StoreOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  keyring?: () => EntryFactory;
  /** How long a probe may take; tests shorten it. */
  probeTimeoutMs?: number;
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
  const maxBytes =
    (options.platform ?? process.platform) === 'win32' ? WINDOWS_CREDENTIAL_BYTES : Number.POSITIVE_INFINITY;
  const openKeyring = () => new KeyringSecretStore(keyring, maxBytes);
  const forced = (options.env ?? process.env).POPBIFF_SECRET_STORE;
  if (forced === 'file') return new FileSecretStore(configDir);
  if (forced === 'keyring') return openKeyring();
  const choice = await choose(configDir, keyring, openKeyring, options.probeTimeoutMs ?? PROBE_TIMEOUT_MS);
  if (choice.kind === 'keyring') return withNote(openKeyring(), choice.movedAt ? 'moved-to-keyring' : undefined);
  return withNote(new FileSecretStore(configDir), choice.pending ? 'keyring-unanswered' : undefined);
}

async function choose(
  configDir: string,
  keyring: () => EntryFactory,
  openKeyring: () => SecretStore,
  timeoutMs: number,
): Promise<Choice> {
  const remembered = readChoice(configDir);
  if (remembered && !remembered.pending) return remembered;
  const fileInUse = existsSync(join(configDir, 'secrets.json'));
  if (fileInUse && !remembered?.pending) return remember(configDir, { kind: 'file' });
  const probe = await probeKeyring(keyring, timeoutMs);
  if (probe === 'timeout') return remember(configDir, { kind: 'file', pending: true });
  if (probe === 'fails') return remember(configDir, { kind: 'file' });
  if (!fileInUse) return remember(configDir, { kind: 'keyring' });
  const moved = await moveToKeyring(new FileSecretStore(configDir), openKeyring());
  return remember(configDir, moved ? { kind: 'keyring', movedAt: Date.now() } : { kind: 'file', pending: true });
}

async function remember(configDir: string, choice: Choice): Promise<Choice> {
  await writeFileAtomic(join(configDir, CHOICE_FILE), `${JSON.stringify(choice)}\n`, 0o600);
  return choice;
}

/** The kind when no probe is needed: forced by the environment, or remembered (not pending). */
function decidedKind(configDir: string, env: NodeJS.ProcessEnv): SecretStoreKind | undefined {
  const forced = env.POPBIFF_SECRET_STORE;
  if (forced === 'file' || forced === 'keyring') return forced;
  const choice = readChoice(configDir);
  return choice && !choice.pending ? choice.kind : undefined;
}

function readChoice(configDir: string): Choice | undefined {
  try {
    const { kind, pending, movedAt } = JSON.parse(readFileSync(join(configDir, CHOICE_FILE), 'utf8')) as Choice;
    if (kind !== 'keyring' && kind !== 'file') return undefined;
    return { kind, ...(pending === true ? { pending } : {}), ...(typeof movedAt === 'number' ? { movedAt } : {}) };
  } catch {
    return undefined; // missing or damaged: decide afresh
  }
}

function withNote(store: SecretStore, note: SecretStoreNote | undefined): SecretStore {
  return note === undefined ? store : Object.assign(store, { note });
}

export type ProbeOutcome = 'works' | 'fails' | 'timeout';

/** A throwaway entry written, read back and deleted, within `timeoutMs`. */
export async function probeKeyring(keyring: () => EntryFactory, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([roundTrip(keyring).then((works) => (works ? 'works' : 'fails')), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Any failure or a hang means "no keyring" (doctor's question). */
export async function keyringWorks(keyring: () => EntryFactory, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  return (await probeKeyring(keyring, timeoutMs)) === 'works';
}

async function roundTrip(keyring: () => EntryFactory): Promise<boolean> {
  try {
    const entry = keyring()(`probe-${await randomToken(6, 'hex')}`);
    const value = await randomToken(8, 'hex');
    await entry.setPassword(value);
    const same = (await entry.getPassword()) === value;
    await entry.deletePassword();
    return same;
  } catch {
    return false; // no module, no D-Bus session, locked keyring: all mean "use the file"
  }
}
