/**
 * The Debian package as data, checked with dpkg-deb itself: its control fields, exactly the
 * files it installs (program, addon, receipt, one manifest per browser, docs), their modes, and
 * each manifest naming the packaged program and only our extension ids.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEB_PROGRAM, debManifests } from '../../scripts/lib/deb';
import { CHROMIUM_EXTENSION_IDS, FIREFOX_EXTENSION_IDS, chromiumOrigin } from '../../src/shared/extension-ids';
import { HOST_NAME } from '../../src/shared/protocol';
import { PROJECT, ensureDeb } from '../helpers/host-program';

let deb: string;
const dpkgDeb = (option: string, ...fields: string[]) =>
  execFileSync('dpkg-deb', [option, deb, ...fields], { encoding: 'utf8' });

/** `dpkg-deb --contents` lines as {mode, owner, path, link}. */
function contents(): { mode: string; owner: string; path: string; link?: string }[] {
  return dpkgDeb('--contents')
    .trim()
    .split('\n')
    .map((line) => {
      const [mode = '', owner = '', , , , ...rest] = line.split(/\s+/);
      const [path = '', link] = rest.join(' ').split(' -> ');
      return { mode, owner, path: path.replace(/^\./, ''), ...(link ? { link } : {}) };
    });
}

beforeAll(() => {
  deb = ensureDeb();
}, 1_200_000);

describe('the Debian package', () => {
  it('is named, versioned and described for dpkg', () => {
    expect(deb).toMatch(new RegExp(`popbiff-host_${PROJECT.version.replace(/\./g, '\\.')}_amd64\\.deb$`));
    expect(dpkgDeb('--field', 'Package', 'Version', 'Architecture', 'Depends')).toBe(
      `Package: popbiff-host\nVersion: ${PROJECT.version}\nArchitecture: amd64\nDepends: libc6 (>= 2.28), libgcc-s1, libstdc++6\n`,
    );
    expect(dpkgDeb('--info')).toContain('needs no Node.js installation');
  });

  it('installs exactly the program, its addon, its receipt, six manifests and its docs', { timeout: 60_000 }, () => {
    const files = contents().filter((entry) => !entry.mode.startsWith('d'));
    expect(files.map((entry) => entry.path).sort()).toEqual(
      [
        ...debManifests().map((manifest) => manifest.path),
        '/usr/bin/popbiff-host',
        '/usr/lib/popbiff/installed.json',
        '/usr/lib/popbiff/keyring.node',
        DEB_PROGRAM,
        '/usr/share/doc/popbiff-host/changelog.gz',
        '/usr/share/doc/popbiff-host/copyright',
        '/usr/share/lintian/overrides/popbiff-host',
      ].sort(),
    );
    expect(debManifests().map((manifest) => manifest.path)).toEqual([
      `/etc/opt/chrome/native-messaging-hosts/${HOST_NAME}.json`,
      `/etc/chromium/native-messaging-hosts/${HOST_NAME}.json`,
      `/etc/opt/edge/native-messaging-hosts/${HOST_NAME}.json`,
      `/etc/opt/brave/native-messaging-hosts/${HOST_NAME}.json`,
      `/etc/opt/vivaldi/native-messaging-hosts/${HOST_NAME}.json`,
      `/usr/lib/mozilla/native-messaging-hosts/${HOST_NAME}.json`,
    ]);
    const byPath = new Map(files.map((entry) => [entry.path, entry]));
    expect(byPath.get(DEB_PROGRAM)).toMatchObject({ mode: '-rwxr-xr-x', owner: 'root/root' });
    expect(byPath.get('/usr/bin/popbiff-host')).toMatchObject({ link: '../lib/popbiff/popbiff-host' });
    for (const entry of files.filter((file) => file.path !== DEB_PROGRAM && !file.link)) {
      expect([entry.path, entry.mode, entry.owner]).toEqual([entry.path, '-rw-r--r--', 'root/root']);
    }
  });

  it('marks no manifest as a conffile, so removing the package removes them', () => {
    const control = execFileSync('sh', ['-c', `dpkg-deb --ctrl-tarfile "${deb}" | tar -t`], { encoding: 'utf8' });
    expect(control.split('\n').filter(Boolean).sort()).toEqual(['./', './control', './md5sums']);
  });

  it('ships manifests that name the packaged program and only our extension', () => {
    // One pass over the data archive (it is xz: each pass costs seconds), the manifests only.
    const into = mkdtempSync(join(tmpdir(), 'popbiff-deb-data-'));
    const paths = debManifests().map(({ path }) => `.${path}`);
    execFileSync('sh', [
      '-c',
      `into=$1; shift; dpkg-deb --fsys-tarfile "$0" | tar -x -C "$into" "$@"`,
      deb,
      into,
      ...paths,
    ]);
    for (const { path } of debManifests()) {
      const manifest = JSON.parse(readFileSync(join(into, path), 'utf8')) as Record<string, unknown>;
      const firefox = path.includes('mozilla');
      expect(manifest).toEqual({
        name: HOST_NAME,
        description: expect.any(String),
        path: DEB_PROGRAM,
        type: 'stdio',
        ...(firefox
          ? { allowed_extensions: [...FIREFOX_EXTENSION_IDS] }
          : { allowed_origins: CHROMIUM_EXTENSION_IDS.map(chromiumOrigin) }),
      });
    }
    rmSync(into, { recursive: true, force: true });
  }, 120_000);
});
