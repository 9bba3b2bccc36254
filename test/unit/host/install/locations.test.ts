import { describe, expect, it } from 'vitest';
import { confinedInstalls, confinementAdvice } from '../../../../src/host/install/confinement';
import {
  BROWSERS,
  type Browser,
  type InstallTarget,
  type Platform,
  defaultBrowsers,
  hostLocation,
  launcherDir,
} from '../../../../src/host/install/locations';
import { HOST_NAME } from '../../../../src/shared/protocol';

const FILE = `${HOST_NAME}.json`;
const linuxUser: InstallTarget = { platform: 'linux', scope: 'user', home: '/h', configDir: '/h/.config/popbiff' };
const macUser: InstallTarget = {
  platform: 'darwin',
  scope: 'user',
  home: '/Users/u',
  configDir: '/Users/u/Library/Application Support/Popbiff',
};
const winUser: InstallTarget = {
  platform: 'win32',
  scope: 'user',
  home: 'C:\\Users\\u',
  configDir: 'C:\\Users\\u\\AppData\\Roaming\\Popbiff',
};
const system = (target: InstallTarget): InstallTarget => ({
  ...target,
  scope: 'system',
  programData: 'C:\\ProgramData',
});

// Written out by hand from the browsers' documentation, so a slip in the table shows here.
const LINUX: Record<Browser, [user: string, system: string]> = {
  chrome: ['/h/.config/google-chrome/NativeMessagingHosts', '/etc/opt/chrome/native-messaging-hosts'],
  chromium: ['/h/.config/chromium/NativeMessagingHosts', '/etc/chromium/native-messaging-hosts'],
  edge: ['/h/.config/microsoft-edge/NativeMessagingHosts', '/etc/opt/edge/native-messaging-hosts'],
  brave: ['/h/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts', '/etc/opt/brave/native-messaging-hosts'],
  vivaldi: ['/h/.config/vivaldi/NativeMessagingHosts', '/etc/opt/vivaldi/native-messaging-hosts'],
  firefox: ['/h/.mozilla/native-messaging-hosts', '/usr/lib/mozilla/native-messaging-hosts'],
  librewolf: ['/h/.librewolf/native-messaging-hosts', '/usr/lib/librewolf/native-messaging-hosts'],
};

const AS = 'Library/Application Support';
const MACOS: Record<Browser, [user: string, system: string]> = {
  chrome: [`/Users/u/${AS}/Google/Chrome/NativeMessagingHosts`, '/Library/Google/Chrome/NativeMessagingHosts'],
  chromium: [`/Users/u/${AS}/Chromium/NativeMessagingHosts`, `/${AS}/Chromium/NativeMessagingHosts`],
  edge: [`/Users/u/${AS}/Microsoft Edge/NativeMessagingHosts`, '/Library/Microsoft/Edge/NativeMessagingHosts'],
  brave: [
    `/Users/u/${AS}/BraveSoftware/Brave-Browser/NativeMessagingHosts`,
    `/${AS}/BraveSoftware/Brave-Browser/NativeMessagingHosts`,
  ],
  vivaldi: [`/Users/u/${AS}/Vivaldi/NativeMessagingHosts`, `/${AS}/Vivaldi/NativeMessagingHosts`],
  firefox: [`/Users/u/${AS}/Mozilla/NativeMessagingHosts`, `/${AS}/Mozilla/NativeMessagingHosts`],
  librewolf: [`/Users/u/${AS}/LibreWolf/NativeMessagingHosts`, `/${AS}/LibreWolf/NativeMessagingHosts`],
};

const WINDOWS_KEYS: Record<Browser, string> = {
  chrome: 'Software\\Google\\Chrome\\NativeMessagingHosts',
  chromium: 'Software\\Chromium\\NativeMessagingHosts',
  edge: 'Software\\Microsoft\\Edge\\NativeMessagingHosts',
  brave: 'Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts',
  vivaldi: 'Software\\Vivaldi\\NativeMessagingHosts',
  firefox: 'Software\\Mozilla\\NativeMessagingHosts',
  librewolf: 'Software\\LibreWolf\\NativeMessagingHosts',
};

const FAMILY: Record<Browser, 'chromium' | 'firefox'> = {
  chrome: 'chromium',
  chromium: 'chromium',
  edge: 'chromium',
  brave: 'chromium',
  vivaldi: 'chromium',
  firefox: 'firefox',
  librewolf: 'firefox',
};

describe('the location table covers every OS × browser × scope', () => {
  it('knows exactly the seven browsers of the issue', () => {
    expect([...BROWSERS].sort()).toEqual(Object.keys(LINUX).sort());
  });

  it.each(BROWSERS)('Linux %s: user and --system folders', (browser) => {
    const [user, sys] = LINUX[browser];
    expect(hostLocation(linuxUser, browser)).toEqual({
      browser,
      family: FAMILY[browser],
      manifestPath: `${user}/${FILE}`,
    });
    expect(hostLocation(system(linuxUser), browser).manifestPath).toBe(`${sys}/${FILE}`);
  });

  it.each(BROWSERS)('macOS %s: user and --system folders', (browser) => {
    const [user, sys] = MACOS[browser];
    expect(hostLocation(macUser, browser)).toEqual({
      browser,
      family: FAMILY[browser],
      manifestPath: `${user}/${FILE}`,
    });
    expect(hostLocation(system(macUser), browser).manifestPath).toBe(`${sys}/${FILE}`);
  });

  it.each(BROWSERS)('Windows %s: HKCU/HKLM key naming a manifest beside the launcher', (browser) => {
    expect(hostLocation(winUser, browser)).toEqual({
      browser,
      family: FAMILY[browser],
      manifestPath: `C:\\Users\\u\\AppData\\Roaming\\Popbiff\\host\\${FAMILY[browser]}\\${FILE}`,
      registryKey: `HKCU\\${WINDOWS_KEYS[browser]}\\${HOST_NAME}`,
    });
    expect(hostLocation(system(winUser), browser)).toMatchObject({
      manifestPath: `C:\\ProgramData\\Popbiff\\${FAMILY[browser]}\\${FILE}`,
      registryKey: `HKLM\\${WINDOWS_KEYS[browser]}\\${HOST_NAME}`,
    });
  });

  it.each([
    ['linux', '/h/.config/popbiff/host', '/usr/local/lib/popbiff'],
    ['darwin', '/Users/u/Library/Application Support/Popbiff/host', '/Library/Application Support/Popbiff'],
    ['win32', 'C:\\Users\\u\\AppData\\Roaming\\Popbiff\\host', 'C:\\ProgramData\\Popbiff'],
  ] as const)('%s keeps the launcher in %s (user) or %s (system)', (platform, user, sys) => {
    const target = { linux: linuxUser, darwin: macUser, win32: winUser }[platform];
    expect(launcherDir(target)).toBe(user);
    expect(launcherDir(system(target))).toBe(sys);
  });

  it('puts Chromium-family manifests into a --user-data-dir profile, but not Firefox ones', () => {
    expect(hostLocation(linuxUser, 'brave', '/tmp/p').manifestPath).toBe(`/tmp/p/NativeMessagingHosts/${FILE}`);
    expect(hostLocation(linuxUser, 'firefox', '/tmp/p').manifestPath).toBe(
      `/h/.mozilla/native-messaging-hosts/${FILE}`,
    );
  });
});

describe('which browsers install picks by itself', () => {
  it.each([
    ['linux', '/h', '/h/.config/microsoft-edge', 'edge'],
    ['linux', '/h', '/h/.librewolf', 'librewolf'],
    ['darwin', '/h', '/h/Library/Application Support/Vivaldi', 'vivaldi'],
    ['win32', 'C:\\h', 'C:\\h\\AppData\\Local\\BraveSoftware\\Brave-Browser\\User Data', 'brave'],
  ] as const)('%s: a data folder %s means %s is in use', (platform: Platform, home, folder, browser) => {
    expect(defaultBrowsers(platform, home, (path) => path === folder)).toEqual([browser]);
  });

  it('falls back to chromium and firefox when no browser folder exists', () => {
    expect(defaultBrowsers('linux', '/h', () => false)).toEqual(['chromium', 'firefox']);
  });
});

describe('Snap and Flatpak browsers', () => {
  it('finds a snap Chromium and a per-user Flatpak Brave, and explains what to do', () => {
    const present = new Set(['/snap/bin/chromium', '/h/.local/share/flatpak/app/com.brave.Browser']);
    const chromium = confinedInstalls('chromium', '/h', (path) => present.has(path));
    expect(chromium).toEqual([{ kind: 'snap', path: '/snap/bin/chromium' }]);
    expect(confinedInstalls('brave', '/h', (path) => present.has(path))).toEqual([
      { kind: 'flatpak', path: '/h/.local/share/flatpak/app/com.brave.Browser' },
    ]);
    const [found] = chromium;
    expect(found && confinementAdvice('chromium', found)).toMatch(
      /cannot start native hosts.*distribution's own packages/,
    );
  });

  it('reports nothing for a browser installed from ordinary packages', () => {
    expect(confinedInstalls('firefox', '/h', () => false)).toEqual([]);
  });
});
