import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HOST_NAME } from '../../shared/protocol';
import { configDirFor } from '../config-dir';
import { diagnose } from '../install/doctor';
import { installHost, uninstallHost } from '../install/install';
import {
  BROWSERS,
  type Browser,
  type HostLocation,
  defaultBrowsers,
  hostLocation,
  isBrowser,
  isSupportedPlatform,
} from '../install/locations';
import { UsageError } from './usage-error';

/** `popbiff install | uninstall | doctor`: register the host with the browsers and check it. */

interface Target {
  browsers: Browser[];
  profileDir: string | undefined;
  locations: HostLocation[];
}

export async function installCommand(args: string[]): Promise<number> {
  const target = parseTarget(args);
  const written = await installHost({
    locations: target.locations,
    configDir: configDirFor(),
    nodePath: process.execPath,
    bundlePath: bundlePath(),
  });
  process.stdout.write(`Installed the Popbiff host for ${target.browsers.join(', ')}:\n${list(written)}`);
  process.stdout.write(`Check it with: npx popbiff doctor${targetFlags(target)}\n`);
  return 0;
}

export async function uninstallCommand(args: string[]): Promise<number> {
  const target = parseTarget(args);
  const everywhere = BROWSERS.map((browser) => hostLocation(process.platform, browser, homedir(), HOST_NAME));
  const stillKnown = everywhere.filter((known) => !target.locations.some((l) => l.manifestPath === known.manifestPath));
  const removed = await uninstallHost(target.locations, stillKnown, configDirFor());
  process.stdout.write(removed.length > 0 ? `Removed:\n${list(removed)}` : 'Nothing to remove.\n');
  return 0;
}

export async function doctorCommand(args: string[]): Promise<number> {
  const target = parseTarget(args);
  let healthy = true;
  for (const location of target.locations) {
    process.stdout.write(`${location.browser}:\n`);
    const findings = await diagnose(location);
    for (const finding of findings) process.stdout.write(`  ${finding.ok ? 'ok ' : 'BAD'} ${finding.text}\n`);
    if (findings.every((finding) => finding.ok)) continue;
    healthy = false;
    const flags = location.family === 'chromium' ? profileFlag(target) : '';
    process.stdout.write(`  Fix: npx popbiff install --browser ${location.browser}${flags}\n`);
  }
  process.stdout.write(healthy ? 'Everything looks right.\n' : 'Problems found (see above).\n');
  return healthy ? 0 : 1;
}

function parseTarget(args: string[]): Target {
  if (!isSupportedPlatform(process.platform)) {
    throw new UsageError(`Installing the host on ${process.platform} is not supported yet (Linux and macOS are).`);
  }
  const { values, positionals } = parseOptions(args);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const profileDir = values['profile-dir'] === undefined ? undefined : resolve(values['profile-dir']);
  const browsers = values.browser?.length ? values.browser.map(toBrowser) : implicitBrowsers(profileDir);
  const unique = [...new Set(browsers)];
  const locations = unique.map((browser) => hostLocation(process.platform, browser, homedir(), HOST_NAME, profileDir));
  return { browsers: unique, profileDir, locations };
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { browser: { type: 'string', multiple: true }, 'profile-dir': { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'Invalid arguments.');
  }
}

/** A profile dir is a Chromium --user-data-dir, so it implies Chromium; else what is installed. */
function implicitBrowsers(profileDir: string | undefined): Browser[] {
  return profileDir ? ['chromium'] : defaultBrowsers(process.platform, homedir(), existsSync);
}

function toBrowser(name: string): Browser {
  if (!isBrowser(name)) throw new UsageError(`Unknown browser "${name}"; use ${BROWSERS.join(', ')}.`);
  return name;
}

/** The bundle that is running now: main.ts and everything it imports are inlined into it. */
function bundlePath(): string {
  return fileURLToPath(import.meta.url);
}

const list = (paths: string[]) => paths.map((path) => `  ${path}\n`).join('');
const profileFlag = (target: Target) => (target.profileDir ? ` --profile-dir ${JSON.stringify(target.profileDir)}` : '');
const targetFlags = (target: Target) => `${target.browsers.map((b) => ` --browser ${b}`).join('')}${profileFlag(target)}`;
