import { join } from 'node:path';
import { CHROMIUM_EXTENSION_IDS, FIREFOX_EXTENSION_IDS, chromiumOrigin } from '../../shared/extension-ids';
import { HOST_NAME } from '../../shared/protocol';
import type { BrowserFamily } from './locations';

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

/** Never wildcards: exactly our ids (Chromium origins need the trailing slash). */
export function hostManifest(family: BrowserFamily, launcherPath: string): HostManifest {
  const common = { name: HOST_NAME, description: HOST_DESCRIPTION, path: launcherPath, type: 'stdio' as const };
  if (family === 'firefox') return { ...common, allowed_extensions: [...FIREFOX_EXTENSION_IDS] };
  return { ...common, allowed_origins: CHROMIUM_EXTENSION_IDS.map(chromiumOrigin) };
}

export function launcherPathIn(configDir: string): string {
  return join(configDir, 'host', 'popbiff-host');
}

/** A POSIX sh launcher that runs the bundle with this exact node, whatever the browser's PATH. */
export function launcherScript(nodePath: string, bundlePath: string): string {
  return `#!/bin/sh\n# Written by "popbiff install"; rerun it after moving node or Popbiff.\nexec ${shellQuote(nodePath)} ${shellQuote(bundlePath)} "$@"\n`;
}

/** The node binary the launcher runs (first quoted word after exec), for doctor. */
export function nodePathInLauncher(script: string): string | undefined {
  const match = /^exec "((?:[^"\\]|\\.)*)"/m.exec(script);
  return match?.[1]?.replace(/\\(.)/g, '$1');
}

/** Double quotes with the four characters sh still interprets inside them escaped. */
export function shellQuote(value: string): string {
  return `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}
