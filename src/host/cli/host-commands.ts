import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorInfo } from '../../shared/errors';
import { configDirFor } from '../config-dir';
import { commandName, currentEntry } from '../entry-path';
import { confinedInstalls, confinementAdvice } from '../install/confinement';
import { diagnose } from '../install/doctor';
import { installHost, uninstallHost } from '../install/install';
import {
  BROWSERS,
  type Browser,
  type HostLocation,
  type InstallTarget,
  defaultBrowsers,
  hostLocation,
  isBrowser,
  isPlatform,
} from '../install/locations';
import type { HostProgram } from '../install/program';
import { UsageError } from './usage-error';

/** `popbiff install | uninstall | doctor`: register the host with the browsers and check it. */

interface Selection {
  target: InstallTarget;
  browsers: Browser[];
  /** True when the user named browsers or a profile (uninstall then touches only those). */
  explicit: boolean;
  profileDir: string | undefined;
  locations: HostLocation[];
  /** --dev: also answer the development key's id, which every unpacked copy shares. */
  dev: boolean;
}

export async function installCommand(args: string[]): Promise<number> {
  const selection = parseSelection(args);
  let written: string[];
  try {
    written = await installHost({
      target: selection.target,
      locations: selection.locations,
      program: thisProgram(),
      dev: selection.dev,
    });
  } catch (error) {
    process.stderr.write(`Install failed: ${toErrorInfo(error).message}\n`);
    return 1;
  }
  process.stdout.write(`Installed the Popbiff host for ${selection.browsers.join(', ')}:\n${list(written)}`);
  process.stdout.write(`Check it with: ${commandName()} doctor${flagsFor(selection, selection.browsers)}\n`);
  return 0;
}

export async function uninstallCommand(args: string[]): Promise<number> {
  const selection = parseSelection(args);
  const chosen = new Set(selection.locations.map((location) => location.manifestPath));
  const select = selection.explicit
    ? (entry: HostLocation) => chosen.has(entry.manifestPath) && selection.browsers.includes(entry.browser)
    : undefined;
  const removed = await uninstallHost(selection.target, select);
  process.stdout.write(removed.length > 0 ? `Removed:\n${list(removed)}` : 'Nothing to remove.\n');
  return 0;
}

export async function doctorCommand(args: string[]): Promise<number> {
  const selection = parseSelection(args);
  let healthy = true;
  for (const location of selection.locations) {
    process.stdout.write(`${location.browser}:\n`);
    const reinstall = `${commandName()} install${flagsFor(selection, [location.browser])}`;
    const findings = await diagnose(location, { platform: selection.target.platform, reinstall });
    for (const finding of findings) {
      process.stdout.write(`  ${finding.ok ? 'ok ' : 'BAD'} ${finding.text}\n`);
      if (!finding.ok && finding.fix) process.stdout.write(`      Fix: ${finding.fix}\n`);
    }
    if (findings.some((finding) => !finding.ok)) healthy = false;
    if (selection.target.platform === 'linux') reportConfinement(location.browser, selection.target.home);
  }
  process.stdout.write(healthy ? 'Everything looks right.\n' : 'Problems found (see above).\n');
  return healthy ? 0 : 1;
}

/** A warning, not a failure: the registration itself may be fine, the sandbox is the problem. */
function reportConfinement(browser: Browser, home: string): void {
  for (const found of confinedInstalls(browser, home, existsSync)) {
    process.stdout.write(`  NOTE ${confinementAdvice(browser, found)}\n`);
  }
}

function parseSelection(args: string[]): Selection {
  const platform = process.platform;
  if (!isPlatform(platform))
    throw new UsageError(`Installing the host on ${platform} is not supported (Linux, macOS and Windows are).`);
  const { values, positionals } = parseOptions(args);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const profileDir = values['profile-dir'] === undefined ? undefined : resolve(values['profile-dir']);
  const target: InstallTarget = {
    platform,
    scope: values.system ? 'system' : 'user',
    home: homedir(),
    configDir: configDirFor(),
    programData: process.env.ProgramData,
  };
  const named = values.browser?.length ? values.browser.map(toBrowser) : undefined;
  const browsers = [...new Set(named ?? implicitBrowsers(target, profileDir))];
  const locations = browsers.map((browser) => hostLocation(target, browser, profileDir));
  const explicit = named !== undefined || profileDir !== undefined;
  return { target, browsers, explicit, profileDir, locations, dev: values.dev };
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        browser: { type: 'string', multiple: true },
        system: { type: 'boolean', default: false },
        dev: { type: 'boolean', default: false },
        'profile-dir': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'Invalid arguments.');
  }
}

/** A profile dir is a Chromium --user-data-dir, so it implies Chromium; else what is installed. */
function implicitBrowsers(target: InstallTarget, profileDir: string | undefined): Browser[] {
  return profileDir ? ['chromium'] : defaultBrowsers(target.platform, target.home, existsSync);
}

function toBrowser(name: string): Browser {
  if (!isBrowser(name)) throw new UsageError(`Unknown browser "${name}"; use ${BROWSERS.join(', ')}.`);
  return name;
}

/** The executable registers itself; the npm bundle registers a launcher for this node and itself. */
function thisProgram(): HostProgram {
  const { path, executable } = currentEntry();
  return executable ? { kind: 'executable', path } : { kind: 'launcher', nodePath: process.execPath, bundlePath: path };
}

const list = (paths: string[]) => paths.map((path) => `  ${path}\n`).join('');

function flagsFor(selection: Selection, browsers: Browser[]): string {
  const browserFlags = browsers.map((browser) => ` --browser ${browser}`).join('');
  const system = `${selection.target.scope === 'system' ? ' --system' : ''}${selection.dev ? ' --dev' : ''}`;
  const profile = selection.profileDir ? ` --profile-dir ${JSON.stringify(selection.profileDir)}` : '';
  return `${browserFlags}${system}${profile}`;
}
