/**
 * Makes sure the Debian packages that `npm start` and `npm test` need are installed: Chromium
 * and Firefox ESR (the browsers the extension runs in), Dovecot (the real POP3 server of the
 * demo and the tests), OpenSSL (their test certificates), D-Bus + gnome-keyring +
 * secret-tool (a real Secret Service for the keyring tests), zip/unzip (the Windows download)
 * and lintian (the .deb's checker). On Debian/Ubuntu as root it
 * installs what is missing; otherwise it stops with the one command that does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const REQUIRED = [
  { pkg: 'chromium', binary: '/usr/bin/chromium' },
  { pkg: 'dovecot-pop3d', binary: '/usr/sbin/dovecot' },
  { pkg: 'openssl', binary: '/usr/bin/openssl' },
  { pkg: 'firefox-esr', binary: '/usr/bin/firefox-esr' },
  { pkg: 'dbus', binary: '/usr/bin/dbus-run-session' },
  { pkg: 'gnome-keyring', binary: '/usr/bin/gnome-keyring-daemon' },
  { pkg: 'libsecret-tools', binary: '/usr/bin/secret-tool' },
  { pkg: 'zip', binary: '/usr/bin/zip' },
  { pkg: 'unzip', binary: '/usr/bin/unzip' },
  { pkg: 'lintian', binary: '/usr/bin/lintian' },
] as const;

const missing = REQUIRED.filter(({ binary }) => !existsSync(binary)).map(({ pkg }) => pkg);
if (missing.length > 0) install(missing);

function install(packages: string[]): void {
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  const isRoot = process.getuid?.() === 0;
  if (!hasApt || !isRoot) {
    console.error(`Popbiff needs these system packages: ${packages.join(', ')}.`);
    console.error(hasApt ? `Install them with:\n  sudo ${command}` : 'Install them with your system package manager.');
    process.exit(1);
  }
  console.error(`Installing ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}
