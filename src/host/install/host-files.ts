import { DEV_EXTENSION_ENV, FIREFOX_EXTENSION_IDS, chromiumIds, chromiumOrigin } from '../../shared/extension-ids';
import { HOST_NAME } from '../../shared/protocol';
import { type BrowserFamily, type InstallTarget, type Platform, launcherDir, pathsFor } from './locations';

/**
 * The content of the files `install` writes, as pure functions. Browsers start the host through
 * a launcher script because a manifest's `path` cannot carry arguments (node + bundle).
 */
export interface HostManifest {
  name: string;
  description: string;
  path: string;
  type: 'stdio';
  allowed_origins?: string[];
  allowed_extensions?: string[];
}

export const HOST_DESCRIPTION = 'Popbiff: checks POP3 mailboxes for the Popbiff extension';

/**
 * Never wildcards: exactly our ids (Chromium origins need the trailing slash). `dev` (install
 * --dev) adds the development key's id, which every unpacked copy shares.
 */
export function hostManifest(family: BrowserFamily, launcherPath: string, dev = false): HostManifest {
  const common = { name: HOST_NAME, description: HOST_DESCRIPTION, path: launcherPath, type: 'stdio' as const };
  if (family === 'firefox') return { ...common, allowed_extensions: [...FIREFOX_EXTENSION_IDS] };
  return { ...common, allowed_origins: chromiumIds(dev).map(chromiumOrigin) };
}

/** Windows starts `.cmd` files through cmd.exe; elsewhere an executable sh script. */
export function launcherPath(target: InstallTarget): string {
  const name = target.platform === 'win32' ? 'popbiff-host.cmd' : 'popbiff-host';
  return pathsFor(target.platform).join(launcherDir(target), name);
}

/**
 * A launcher that runs the bundle with this exact node, whatever the browser's PATH; with `dev`
 * (install --dev) it tells the host to answer the development id too.
 */
export function launcherScript(platform: Platform, nodePath: string, bundlePath: string, dev = false): string {
  if (platform === 'win32') return cmdLauncher(nodePath, bundlePath, dev);
  const devLine = dev ? `export ${DEV_EXTENSION_ENV}=1\n` : '';
  return `#!/bin/sh\n# Written by "popbiff install"; rerun it after moving node or Popbiff.\n${devLine}exec ${shellQuote(nodePath)} ${shellQuote(bundlePath)} "$@"\n`;
}

/**
 * Windows paths cannot contain `"`, so plain quoting holds; `%` would still expand inside a
 * .cmd file, hence `%%`. CRLF because cmd.exe is happiest with it.
 */
function cmdLauncher(nodePath: string, bundlePath: string, dev: boolean): string {
  const quote = (path: string) => `"${path.replace(/%/g, '%%')}"`;
  const devLine = dev ? `set ${DEV_EXTENSION_ENV}=1\r\n` : '';
  return `@echo off\r\nrem Written by "popbiff install"; rerun it after moving node or Popbiff.\r\n${devLine}${quote(nodePath)} ${quote(bundlePath)} %*\r\n`;
}

/** The node binary a launcher runs (its first quoted word), for doctor; either launcher kind. */
export function nodePathInLauncher(script: string): string | undefined {
  const sh = /^exec "((?:[^"\\]|\\.)*)"/m.exec(script);
  if (sh) return sh[1]?.replace(/\\(.)/g, '$1');
  const cmd = /^"([^"]*)" "[^"]*" %\*\r?$/m.exec(script);
  return cmd?.[1]?.replace(/%%/g, '%');
}

/** Double quotes with the four characters sh still interprets inside them escaped. */
export function shellQuote(value: string): string {
  return `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}
