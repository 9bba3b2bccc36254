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
  | { ok: true; settings: Settings /** Names of accounts whose commands were left out. */; withoutCommands: string[] }
  | { ok: false; problem: string };

/**
 * A file is data from anywhere, but a command in it would run on this computer through the
 * host: imported accounts never bring a password command or a mail client command with them.
 */
function withoutCommands(account: Account): Account {
  const { passwordCommand: _password, ...server } = account.server;
  const { desktopClient, ...rest } = account;
  return { ...rest, server, ...(desktopClient ? { desktopClient: {} } : {}) };
}

const hasCommand = (account: Account): boolean =>
  account.server.passwordCommand !== undefined || account.desktopClient?.command !== undefined;

/**
 * Reads an exported file: it must be JSON, say what it is, and pass the settings schema after
 * the same migrations stored settings go through (a file from an older Popbiff still imports).
 * Problems come back in English, as the schema states them.
 */
export function importSettings(text: string): ImportResult {
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
      settings: { ...migrated, accounts: migrated.accounts.map(withoutCommands) },
      withoutCommands: migrated.accounts.filter(hasCommand).map((account) => account.name),
    };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : 'The settings are not valid.' };
  }
}
