/**
 * How a user gets the Popbiff host, per OS, for the options page and the popup. A release build
 * knows where its downloads are (the build setting VITE_POPBIFF_HOST_DOWNLOAD_URL, README "Build
 * settings") and offers the package for the OS `runtime.getPlatformInfo()` reports; a developer
 * build (no download address) offers the npm path. File names follow scripts/package.ts.
 */
export interface PlatformInfo {
  /** runtime.PlatformOs: mac, win, linux, cros, android, openbsd, fuchsia. */
  os: string;
  /** runtime.PlatformArch: x86-64, arm64, arm, x86-32, … */
  arch: string;
}

export interface HostInstructions {
  /** The file to download and its address; absent for the npm path. */
  download?: { file: string; url: string };
  /** The one command that installs (or updates) the host. */
  install: string;
  /** The command that checks every registration. */
  doctor: string;
}

export const NPM_INSTRUCTIONS: HostInstructions = { install: 'npx popbiff install', doctor: 'npx popbiff doctor' };

export function hostInstructions(
  platform: PlatformInfo,
  version: string,
  downloadBase: string | undefined,
): HostInstructions {
  if (!downloadBase) return NPM_INSTRUCTIONS;
  const base = downloadBase.replace(/\/+$/, '');
  const at = (file: string) => ({ file, url: `${base}/${file}` });
  const folder = (target: string) => `popbiff-host-${version}-${target}`;
  if (platform.os === 'linux' && (platform.arch === 'x86-64' || platform.arch === 'arm64')) {
    const file = `popbiff-host_${version}_${platform.arch === 'arm64' ? 'arm64' : 'amd64'}.deb`;
    // apt resolves the package's dependencies; the package registers the host for every user.
    return { download: at(file), install: `sudo apt install ./${file}`, doctor: 'popbiff-host doctor --system' };
  }
  if (platform.os === 'mac') {
    // Apple silicon runs the x64 program under Rosetta (no Node 24 build for arm64 Macs is published on npm).
    const name = folder('darwin-x64');
    return {
      download: at(`${name}.tar.gz`),
      install: `tar -xzf ${name}.tar.gz && ./${name}/install.sh`,
      doctor: `"$HOME/Library/Application Support/Popbiff/host/popbiff-host" doctor`,
    };
  }
  if (platform.os === 'win' && platform.arch === 'x86-64') {
    const name = folder('win-x64');
    return {
      download: at(`${name}.zip`),
      install: `${name}\\install.cmd`,
      doctor: '"%APPDATA%\\Popbiff\\host\\popbiff-host.exe" doctor',
    };
  }
  // No package for this system (ChromeOS, BSD, 32-bit): Node and npm still work there.
  return NPM_INSTRUCTIONS;
}

/** True when `version` (x.y.z) is older than `minimum`; an unreadable version counts as older. */
export function isOlderVersion(version: string, minimum: string): boolean {
  const parse = (text: string) => /^(\d+)\.(\d+)\.(\d+)/.exec(text)?.slice(1).map(Number);
  const have = parse(version);
  const need = parse(minimum) ?? [0, 0, 0];
  if (!have) return true;
  for (const [index, part] of need.entries()) {
    const mine = have[index] ?? 0;
    if (mine !== part) return mine < part;
  }
  return false;
}
