import { join } from 'node:path';

/**
 * Where each browser looks for native-messaging host manifests: one pure table per OS × browser,
 * relative to the home folder. Windows registers hosts in the registry and is not covered yet.
 */
export const BROWSERS = ['chromium', 'chrome', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];

/** Chromium-family manifests list `allowed_origins`; Firefox's list `allowed_extensions`. */
export type BrowserFamily = 'chromium' | 'firefox';

interface BrowserPlace {
  family: BrowserFamily;
  /** The browser's own config folder: if it exists, the browser is installed and used. */
  configDir: string;
  hostsDir: string;
}

const PLACES: Partial<Record<NodeJS.Platform, Record<Browser, BrowserPlace>>> = {
  linux: {
    chromium: { family: 'chromium', configDir: '.config/chromium', hostsDir: '.config/chromium/NativeMessagingHosts' },
    chrome: { family: 'chromium', configDir: '.config/google-chrome', hostsDir: '.config/google-chrome/NativeMessagingHosts' },
    firefox: { family: 'firefox', configDir: '.mozilla', hostsDir: '.mozilla/native-messaging-hosts' },
  },
  darwin: {
    chromium: {
      family: 'chromium',
      configDir: 'Library/Application Support/Chromium',
      hostsDir: 'Library/Application Support/Chromium/NativeMessagingHosts',
    },
    chrome: {
      family: 'chromium',
      configDir: 'Library/Application Support/Google/Chrome',
      hostsDir: 'Library/Application Support/Google/Chrome/NativeMessagingHosts',
    },
    firefox: {
      family: 'firefox',
      configDir: 'Library/Application Support/Mozilla',
      hostsDir: 'Library/Application Support/Mozilla/NativeMessagingHosts',
    },
  },
};

/** One host manifest to write or check. */
export interface HostLocation {
  browser: Browser;
  family: BrowserFamily;
  manifestPath: string;
}

export function isSupportedPlatform(platform: NodeJS.Platform): boolean {
  return PLACES[platform] !== undefined;
}

export function isBrowser(name: string): name is Browser {
  return (BROWSERS as readonly string[]).includes(name);
}

/**
 * The manifest location for `browser`. A Chromium-family `profileDir` (what the browser was given
 * as --user-data-dir) wins over the home folder: Chromium then looks only in
 * `profileDir/NativeMessagingHosts`. Firefox has no per-profile folder, so it ignores profileDir.
 */
export function hostLocation(
  platform: NodeJS.Platform,
  browser: Browser,
  home: string,
  hostName: string,
  profileDir?: string,
): HostLocation {
  const place = placeOf(platform, browser);
  const dir = place.family === 'chromium' && profileDir ? join(profileDir, 'NativeMessagingHosts') : join(home, place.hostsDir);
  return { browser, family: place.family, manifestPath: join(dir, `${hostName}.json`) };
}

/** The browsers whose config folder exists; chromium and firefox when none does. */
export function defaultBrowsers(platform: NodeJS.Platform, home: string, exists: (path: string) => boolean): Browser[] {
  const found = BROWSERS.filter((browser) => exists(join(home, placeOf(platform, browser).configDir)));
  return found.length > 0 ? found : ['chromium', 'firefox'];
}

function placeOf(platform: NodeJS.Platform, browser: Browser): BrowserPlace {
  const places = PLACES[platform];
  if (!places) throw new RangeError(`No host manifest locations for platform "${platform}".`);
  return places[browser];
}
