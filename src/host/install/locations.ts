import { posix, win32 } from 'node:path';
import { HOST_NAME } from '../../shared/protocol';

/**
 * Where each browser looks for native-messaging host manifests: one pure table per browser × OS
 * × scope. Linux and macOS read manifest files from fixed folders; Windows reads a registry key
 * whose default value names the manifest file, which then lives next to our launcher.
 * Sources: Chrome "Native messaging" docs (host location), MDN "Native manifests", and each
 * vendor's documented folder for its Chromium fork.
 */
export const BROWSERS = ['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox', 'librewolf'] as const;
export type Browser = (typeof BROWSERS)[number];

export const PLATFORMS = ['linux', 'darwin', 'win32'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** `user`: only this user, no privileges needed. `system`: every user (root/admin). */
export type Scope = 'user' | 'system';

/** Chromium-family manifests list `allowed_origins`; Firefox-family ones `allowed_extensions`. */
export type BrowserFamily = 'chromium' | 'firefox';

interface BrowserPlaces {
  family: BrowserFamily;
  /** The browser's own data folder, relative to home: when it exists, the browser is in use. */
  data: Record<Platform, string>;
  linux: { user: string; system: string };
  darwin: { user: string; system: string };
  /** Registry key below HKCU (user) or HKLM (system); the host name is appended. */
  win32: string;
  /** Names under which Snap and Flatpak ship the browser (their sandboxes block native hosts). */
  snap?: string;
  flatpak: string;
}

const MAC = 'Library/Application Support';

export const PLACES: Record<Browser, BrowserPlaces> = {
  chrome: {
    family: 'chromium',
    data: {
      linux: '.config/google-chrome',
      darwin: `${MAC}/Google/Chrome`,
      win32: 'AppData/Local/Google/Chrome/User Data',
    },
    linux: { user: '.config/google-chrome/NativeMessagingHosts', system: '/etc/opt/chrome/native-messaging-hosts' },
    darwin: {
      user: `${MAC}/Google/Chrome/NativeMessagingHosts`,
      system: '/Library/Google/Chrome/NativeMessagingHosts',
    },
    win32: 'Software\\Google\\Chrome\\NativeMessagingHosts',
    flatpak: 'com.google.Chrome',
  },
  chromium: {
    family: 'chromium',
    data: { linux: '.config/chromium', darwin: `${MAC}/Chromium`, win32: 'AppData/Local/Chromium/User Data' },
    linux: { user: '.config/chromium/NativeMessagingHosts', system: '/etc/chromium/native-messaging-hosts' },
    darwin: { user: `${MAC}/Chromium/NativeMessagingHosts`, system: `/${MAC}/Chromium/NativeMessagingHosts` },
    win32: 'Software\\Chromium\\NativeMessagingHosts',
    snap: 'chromium',
    flatpak: 'org.chromium.Chromium',
  },
  edge: {
    family: 'chromium',
    data: {
      linux: '.config/microsoft-edge',
      darwin: `${MAC}/Microsoft Edge`,
      win32: 'AppData/Local/Microsoft/Edge/User Data',
    },
    linux: { user: '.config/microsoft-edge/NativeMessagingHosts', system: '/etc/opt/edge/native-messaging-hosts' },
    darwin: {
      user: `${MAC}/Microsoft Edge/NativeMessagingHosts`,
      system: '/Library/Microsoft/Edge/NativeMessagingHosts',
    },
    win32: 'Software\\Microsoft\\Edge\\NativeMessagingHosts',
    flatpak: 'com.microsoft.Edge',
  },
  brave: {
    family: 'chromium',
    data: {
      linux: '.config/BraveSoftware/Brave-Browser',
      darwin: `${MAC}/BraveSoftware/Brave-Browser`,
      win32: 'AppData/Local/BraveSoftware/Brave-Browser/User Data',
    },
    linux: {
      user: '.config/BraveSoftware/Brave-Browser/NativeMessagingHosts',
      system: '/etc/opt/brave/native-messaging-hosts',
    },
    darwin: {
      user: `${MAC}/BraveSoftware/Brave-Browser/NativeMessagingHosts`,
      system: `/${MAC}/BraveSoftware/Brave-Browser/NativeMessagingHosts`,
    },
    win32: 'Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts',
    snap: 'brave',
    flatpak: 'com.brave.Browser',
  },
  vivaldi: {
    family: 'chromium',
    data: { linux: '.config/vivaldi', darwin: `${MAC}/Vivaldi`, win32: 'AppData/Local/Vivaldi/User Data' },
    linux: { user: '.config/vivaldi/NativeMessagingHosts', system: '/etc/opt/vivaldi/native-messaging-hosts' },
    darwin: { user: `${MAC}/Vivaldi/NativeMessagingHosts`, system: `/${MAC}/Vivaldi/NativeMessagingHosts` },
    win32: 'Software\\Vivaldi\\NativeMessagingHosts',
    flatpak: 'com.vivaldi.Vivaldi',
  },
  firefox: {
    family: 'firefox',
    data: { linux: '.mozilla', darwin: `${MAC}/Firefox`, win32: 'AppData/Roaming/Mozilla/Firefox' },
    linux: { user: '.mozilla/native-messaging-hosts', system: '/usr/lib/mozilla/native-messaging-hosts' },
    darwin: { user: `${MAC}/Mozilla/NativeMessagingHosts`, system: `/${MAC}/Mozilla/NativeMessagingHosts` },
    win32: 'Software\\Mozilla\\NativeMessagingHosts',
    snap: 'firefox',
    flatpak: 'org.mozilla.firefox',
  },
  librewolf: {
    family: 'firefox',
    data: { linux: '.librewolf', darwin: `${MAC}/librewolf`, win32: 'AppData/Roaming/librewolf' },
    linux: { user: '.librewolf/native-messaging-hosts', system: '/usr/lib/librewolf/native-messaging-hosts' },
    darwin: { user: `${MAC}/LibreWolf/NativeMessagingHosts`, system: `/${MAC}/LibreWolf/NativeMessagingHosts` },
    win32: 'Software\\LibreWolf\\NativeMessagingHosts',
    flatpak: 'io.gitlab.librewolf-community',
  },
};

/** Everything that decides where files go; all of it explicit so the table is testable anywhere. */
export interface InstallTarget {
  platform: Platform;
  scope: Scope;
  home: string;
  /** The host's per-user config folder (see config-dir.ts). */
  configDir: string;
  /** Windows %ProgramData%, for system-wide installs. */
  programData?: string | undefined;
}

/** One host registration to write or check. */
export interface HostLocation {
  browser: Browser;
  family: BrowserFamily;
  manifestPath: string;
  /** Windows only: the registry key whose default value names manifestPath. */
  registryKey?: string;
}

export function isPlatform(platform: string): platform is Platform {
  return (PLATFORMS as readonly string[]).includes(platform);
}

export function isBrowser(name: string): name is Browser {
  return (BROWSERS as readonly string[]).includes(name);
}

export function pathsFor(platform: Platform): typeof posix | typeof win32 {
  return platform === 'win32' ? win32 : posix;
}

/**
 * Where the launcher (and, on Windows, the manifests) live: the user's config folder, or a
 * folder every user can read for a system-wide install.
 */
export function launcherDir(target: InstallTarget): string {
  const path = pathsFor(target.platform);
  if (target.scope === 'user') return path.join(target.configDir, 'host');
  if (target.platform === 'linux') return '/usr/local/lib/popbiff';
  if (target.platform === 'darwin') return `/${MAC}/Popbiff`;
  return path.join(target.programData ?? 'C:\\ProgramData', 'Popbiff');
}

/**
 * The registration for `browser`. A Chromium-family `profileDir` (what the browser was given as
 * --user-data-dir) wins over the home folder: Chromium then looks only in
 * `profileDir/NativeMessagingHosts`. Firefox has no per-profile folder, so it ignores profileDir.
 */
export function hostLocation(target: InstallTarget, browser: Browser, profileDir?: string): HostLocation {
  const place = PLACES[browser];
  const path = pathsFor(target.platform);
  const file = `${HOST_NAME}.json`;
  const base = { browser, family: place.family };
  if (place.family === 'chromium' && profileDir) {
    return { ...base, manifestPath: path.join(profileDir, 'NativeMessagingHosts', file) };
  }
  if (target.platform === 'win32') {
    const hive = target.scope === 'user' ? 'HKCU' : 'HKLM';
    // One manifest per family is enough: every Chromium fork reads the same allowed_origins.
    return {
      ...base,
      manifestPath: path.join(launcherDir(target), place.family, file),
      registryKey: `${hive}\\${place.win32}\\${HOST_NAME}`,
    };
  }
  const dirs = place[target.platform];
  const dir = target.scope === 'system' ? dirs.system : path.join(target.home, dirs.user);
  return { ...base, manifestPath: path.join(dir, file) };
}

/**
 * True when `entry` is a registration install itself computes for its browser and this target:
 * the default place, or (Chromium family) a profile's NativeMessagingHosts folder. A receipt is a
 * file on disk; a tampered one must not make uninstall delete any file or registry key it names.
 */
export function isInstallLocation(target: InstallTarget, entry: HostLocation): boolean {
  const path = pathsFor(target.platform);
  const candidates = [hostLocation(target, entry.browser)];
  if (PLACES[entry.browser].family === 'chromium') {
    const profileDir = path.dirname(path.dirname(entry.manifestPath));
    candidates.push(hostLocation(target, entry.browser, profileDir));
  }
  return candidates.some(
    (place) =>
      place.family === entry.family &&
      place.manifestPath === entry.manifestPath &&
      place.registryKey === entry.registryKey,
  );
}

/** The browsers whose data folder exists; chromium and firefox when none does. */
export function defaultBrowsers(platform: Platform, home: string, exists: (path: string) => boolean): Browser[] {
  const path = pathsFor(platform);
  const found = BROWSERS.filter((browser) => exists(path.join(home, PLACES[browser].data[platform])));
  return found.length > 0 ? found : ['chromium', 'firefox'];
}
