import type { FoundAccount, MailProgram, ResultOf } from '../../shared/protocol';
import { isPlatform, type Platform, pathsFor } from '../install/locations';
import { clawsAccounts } from './claws-mail';
import { evolutionAccounts } from './evolution';
import { type FinderIo, nodeFinderIo } from './finder-io';
import { kmailAccount } from './kmail';
import { FINDER_LIMITS, type FinderLimits } from './limits';
import { OUTLOOK_PROFILE_ROOTS, OUTLOOK_VALUES, outlookAccounts, outlookProfiles, outlookQuery } from './outlook';
import { type FinderPlaces, finderPlaces } from './places';
import { parsePrefs } from './prefs-js';
import { parseRegQuery } from './reg-query';
import { parseProfilesIni, thunderbirdAccounts } from './thunderbird';
import { tidyAccounts } from './tidy';

/**
 * The POP3 accounts configured in the user's mail programs, read only when the user asks. It
 * reads settings files and, on Windows, Outlook's registry keys — never a password, never a
 * password store (Thunderbird's logins.json and key4.db, Claws Mail's passwordstorerc, the
 * keyrings, KWallet, the Windows Credential Manager are not opened; a password kept beside the
 * settings — older Claws Mail's `password`, the KMail resource's `unitTestPassword`, Outlook's
 * `POP3 Password` — is never read out) — and stops at FINDER_LIMITS.
 */
class Search {
  readonly accounts: FoundAccount[] = [];
  readonly programs = new Set<MailProgram>();
  capped = false;
  private bytes = 0;

  constructor(
    readonly io: FinderIo,
    readonly path: ReturnType<typeof pathsFor>,
    readonly limits: FinderLimits,
  ) {}

  /** A file's text within the per-file and total caps; undefined when absent or over a cap. */
  async read(file: string): Promise<string | undefined> {
    const left = this.limits.maxTotalBytes - this.bytes;
    const text = await this.io.readText(file, Math.min(this.limits.maxFileBytes, left));
    if (text === 'too-large') this.capped = true;
    if (text === undefined || text === 'too-large') return undefined;
    this.bytes += Buffer.byteLength(text);
    return text;
  }

  /** At most `max` of `items`; noting when some were left. */
  capAt<T>(items: readonly T[], max: number): T[] {
    if (items.length > max) this.capped = true;
    return items.slice(0, max);
  }

  found(program: MailProgram, accounts: readonly FoundAccount[]): void {
    this.programs.add(program);
    this.accounts.push(...accounts);
  }
}

async function thunderbird(search: Search, dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    const ini = await search.read(search.path.join(dir, 'profiles.ini'));
    if (ini === undefined) continue;
    search.found('thunderbird', []);
    for (const profile of search.capAt(parseProfilesIni(ini), search.limits.maxProfiles)) {
      // Relative paths use `/` on every OS; absolute ones are the OS's own.
      const folder = profile.relative ? search.path.join(dir, ...profile.path.split('/')) : profile.path;
      const prefs = await search.read(search.path.join(folder, 'prefs.js'));
      if (prefs !== undefined) search.found('thunderbird', thunderbirdAccounts(parsePrefs(prefs), profile.name));
    }
  }
}

/** The files in `dir` whose names pass `keep`, sorted, within the file cap. */
async function filesIn(search: Search, dir: string, keep: (name: string) => boolean): Promise<string[]> {
  return search.capAt((await search.io.list(dir)).filter(keep).sort(), search.limits.maxFiles);
}

async function evolution(search: Search, dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    const names = await filesIn(search, dir, (name) => name.endsWith('.source'));
    if (names.length === 0) continue;
    const files = [];
    for (const name of names) {
      const text = await search.read(search.path.join(dir, name));
      if (text !== undefined) files.push({ uid: name.slice(0, -'.source'.length), text });
    }
    search.found('evolution', evolutionAccounts(files));
  }
}

async function kmail(search: Search, dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    for (const name of await filesIn(search, dir, (file) => /^akonadi_pop3_resource_\d+rc$/.test(file))) {
      const text = await search.read(search.path.join(dir, name));
      const account = text === undefined ? undefined : kmailAccount(text);
      search.found('kmail', account ? [account] : []);
    }
  }
}

async function claws(search: Search, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const text = await search.read(file);
    if (text !== undefined) search.found('claws-mail', clawsAccounts(text));
  }
}

async function outlook(search: Search): Promise<void> {
  if (!search.io.reg) return;
  for (const root of OUTLOOK_PROFILE_ROOTS) {
    const outcome = await search.io.reg(outlookQuery(root));
    if (outcome.kind === 'too-large') search.capped = true;
    if (outcome.kind !== 'ok') continue;
    const keys = parseRegQuery(outcome.output, OUTLOOK_VALUES);
    const profiles = search.capAt(outlookProfiles(keys, root), search.limits.maxProfiles);
    if (profiles.length > 0) search.found('outlook', outlookAccounts(keys, root, profiles));
  }
}

export async function findAccounts(
  platform: Platform,
  places: FinderPlaces,
  io: FinderIo,
  limits: FinderLimits = FINDER_LIMITS,
): Promise<ResultOf<'find-accounts'>> {
  const search = new Search(io, pathsFor(platform), limits);
  await thunderbird(search, places.thunderbird);
  await evolution(search, places.evolution);
  await kmail(search, places.kmail);
  await claws(search, places.claws);
  if (places.outlook) await outlook(search);
  const { accounts, capped } = tidyAccounts(search.accounts);
  return { accounts, programs: [...search.programs], capped: search.capped || capped };
}

/** The search the `find-accounts` request runs: this machine, this user's home and environment. */
export function findAccountsHere(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
): Promise<ResultOf<'find-accounts'>> {
  // The BSDs and other Unix desktops keep mail programs' settings where Linux does.
  const os: Platform = isPlatform(platform) ? platform : 'linux';
  return findAccounts(os, finderPlaces(os, home, env), nodeFinderIo(env, os));
}
