import type { Account } from '../shared/account';
import { migrateSettings, type Settings } from '../storage/settings';

/**
 * Settings as a file the user can keep or move to another browser. There is no secret in the
 * settings to leave out (passwords live in the host), so the export is the settings as they are,
 * with a marker saying what the file is.
 */
const FILE_KIND = 'popbiff-settings';

export function exportSettings(settings: Settings): string {
  return `${JSON.stringify({ kind: FILE_KIND, ...settings }, null, 2)}\n`;
}

export type ImportResult =
  | {
      ok: true;
      settings: Settings /** Names of accounts that came without something that needs trust. */;
      leftOut: string[];
    }
  | { ok: false; problem: string };

/**
 * A file is data from anywhere. An imported account gets a new id, so it can never take over an
 * account already here (and the password the host keeps for it, bound to that account's server):
 * the user enters its password afterwards. It never brings what only the user may decide on this
 * computer: a command to run, a pinned certificate, a CA file, consent to clear text (a
 * clear-text account comes in as STARTTLS, which asks again if the server needs it), or trusted
 * authserv-ids (a file naming a forger's id would make its Authentication-Results count).
 */
function trustedPartsLeftOut(account: Account, id: string): Account {
  const {
    passwordCommand: _command,
    pinnedCertSha256: _pin,
    caFile: _caFile,
    allowPlaintext: _consent,
    ...server
  } = account.server;
  const { desktopClient, trustedAuthservIds: _trusted, onNewMail: _hook, ...rest } = account;
  const security = server.security === 'plain' ? 'starttls' : server.security;
  return {
    ...rest,
    id,
    server: { ...server, security, allowPlaintext: false },
    ...(desktopClient ? { desktopClient: {} } : {}),
  };
}

const neededTrust = (account: Account): boolean =>
  account.server.passwordCommand !== undefined ||
  account.desktopClient?.command !== undefined ||
  account.onNewMail !== undefined ||
  account.server.pinnedCertSha256 !== undefined ||
  account.server.caFile !== undefined ||
  account.server.allowPlaintext ||
  (account.trustedAuthservIds?.length ?? 0) > 0;

/**
 * Reads an exported file: it must be JSON, say what it is, and pass the settings schema after
 * the same migrations stored settings go through (a file from an older Popbiff still imports).
 * Every account gets a new id from `newId`.
 * Problems come back in English, as the schema states them.
 */
export function importSettings(text: string, newId: () => string = () => crypto.randomUUID()): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'The file is not JSON.' };
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { kind?: unknown }).kind !== FILE_KIND) {
    return { ok: false, problem: 'The file is not a Popbiff settings file.' };
  }
  const { kind: _kind, ...settings } = parsed as Record<string, unknown>;
  try {
    const migrated = migrateSettings(settings);
    return {
      ok: true,
      settings: { ...migrated, accounts: migrated.accounts.map((account) => trustedPartsLeftOut(account, newId())) },
      leftOut: migrated.accounts.filter(neededTrust).map((account) => account.name),
    };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : 'The settings are not valid.' };
  }
}
