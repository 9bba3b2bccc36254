/**
 * The Debian package of the self-contained host, made with dpkg-deb alone: the program under
 * /usr/lib/popbiff (with /usr/bin/popbiff-host pointing at it) and one host manifest per
 * browser in that browser's system-wide folder, written from the same table and the same
 * manifest function `popbiff-host install --system` uses. The manifests are ordinary package
 * files, not conffiles: nothing in them is the administrator's to edit, and dpkg removes exactly
 * the files it installed on remove (conffiles would stay until purge).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hostManifest } from '../../src/host/install/host-files';
import { type Browser, hostLocation } from '../../src/host/install/locations';
import { RECEIPT_FILE } from '../../src/host/install/receipt';
import type { BuiltExecutable } from './executable';
import { CACHE_DIR, cachedPackage, publishFolder, removeSuperseded } from './package-cache';

export const DEB_BROWSERS: readonly Browser[] = ['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox'];
export const DEB_PROGRAM_DIR = '/usr/lib/popbiff';
export const DEB_PROGRAM = `${DEB_PROGRAM_DIR}/popbiff-host`;
const PACKAGE = 'popbiff-host';
const MAINTAINER = 'Popbiff <popbiff@popbiff.org>';
const ARCHITECTURES = { 'linux-x64': 'amd64', 'linux-arm64': 'arm64' } as const;

export interface DebInput {
  executable: BuiltExecutable;
  version: string;
  homepage: string;
}

export function debArchitecture(executable: BuiltExecutable): string {
  const arch = ARCHITECTURES[executable.target.name as keyof typeof ARCHITECTURES];
  if (!arch) throw new Error(`no Debian package for ${executable.target.name}`);
  return arch;
}

export const debFileName = (version: string, arch: string) => `${PACKAGE}_${version}_${arch}.deb`;

/** The system-wide registrations the package ships: (manifest path, its JSON). */
export function debManifests(): { path: string; json: string }[] {
  const target = { platform: 'linux', scope: 'system', home: '/root', configDir: '/root' } as const;
  return DEB_BROWSERS.map((browser) => {
    const location = hostLocation(target, browser);
    return {
      path: location.manifestPath,
      json: `${JSON.stringify(hostManifest(location.family, DEB_PROGRAM), null, 2)}\n`,
    };
  });
}

/**
 * The receipt beside the program, so `hello` can tell the options page where the package
 * registered the host (the receipt format `install` writes).
 */
function debReceipt(): string {
  const target = { platform: 'linux', scope: 'system', home: '/root', configDir: '/root' } as const;
  const entries = DEB_BROWSERS.map((browser) => hostLocation(target, browser));
  return `${JSON.stringify({ version: 1, entries }, null, 2)}\n`;
}

/** The control file (Debian Policy §5.3); dependencies are what the Node binary links against. */
export function debControl(input: DebInput, installedKb: number): string {
  return [
    `Package: ${PACKAGE}`,
    `Version: ${input.version}`,
    `Architecture: ${debArchitecture(input.executable)}`,
    `Maintainer: ${MAINTAINER}`,
    `Installed-Size: ${installedKb}`,
    'Depends: libc6 (>= 2.28), libgcc-s1, libstdc++6',
    'Section: mail',
    'Priority: optional',
    `Homepage: ${input.homepage}`,
    'Description: native host of the Popbiff browser extension',
    ' Popbiff tells you from the browser toolbar that POP3 mail has arrived,',
    ' without ever taking it off the server. This package is the program the',
    ' extension talks to: it checks the mailboxes (never downloading or deleting',
    ' mail unless asked to delete) and keeps passwords in the system keyring.',
    ' It registers itself system-wide for Chrome, Chromium, Edge, Brave, Vivaldi',
    ' and Firefox, and needs no Node.js installation.',
    '',
  ].join('\n');
}

/**
 * The .deb for these inputs, built once into the cache (xz over 130 MB takes minutes on a busy
 * machine) and copied to outDir; without outDir, the cached file itself (tests: several workers
 * may ask at once, and none must overwrite a file another is installing). The key covers the
 * program, the version and this packaging code.
 */
export function buildDeb(input: DebInput, outDir?: string): string {
  const key = createHash('sha256')
    .update(JSON.stringify({ dir: input.executable.dir, version: input.version, homepage: input.homepage }))
    .update(readFileSync(CHANGELOG))
    .update(readFileSync(import.meta.filename))
    .digest('hex')
    .slice(0, 16);
  const arch = debArchitecture(input.executable);
  const cacheDir = join(CACHE_DIR, 'debs', `${arch}-${key}`);
  const name = debFileName(input.version, arch);
  if (!existsSync(join(cacheDir, name))) {
    const work = `${cacheDir}.partial-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      makeDeb(input, work);
      publishFolder(work, cacheDir);
      removeSuperseded(cacheDir);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (outDir === undefined) return join(cacheDir, name);
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(cacheDir, name), join(outDir, name));
  return join(outDir, name);
}

function makeDeb(input: DebInput, outDir: string): string {
  const arch = debArchitecture(input.executable);
  const staging = join(outDir, `.deb-staging-${arch}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const put = (path: string, content: string | Buffer, mode = 0o644) => {
      const file = join(staging, path);
      mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
      writeFileSync(file, content, { mode });
      chmodSync(file, mode);
    };
    const programDir = join(staging, DEB_PROGRAM_DIR);
    mkdirSync(programDir, { recursive: true, mode: 0o755 });
    copyFileSync(input.executable.program, join(programDir, 'popbiff-host'));
    chmodSync(join(programDir, 'popbiff-host'), 0o755);
    copyFileSync(join(input.executable.dir, 'keyring.node'), join(programDir, 'keyring.node'));
    // A shared object, loaded by the program: lintian wants it non-executable.
    chmodSync(join(programDir, 'keyring.node'), 0o644);
    put(join(DEB_PROGRAM_DIR, RECEIPT_FILE), debReceipt());
    mkdirSync(join(staging, 'usr/bin'), { recursive: true, mode: 0o755 });
    symlinkSync(relative('/usr/bin', DEB_PROGRAM), join(staging, 'usr/bin/popbiff-host'));
    for (const manifest of debManifests()) put(manifest.path, manifest.json);
    put(`usr/share/doc/${PACKAGE}/copyright`, copyright(input.executable));
    const changelog = debianChangelog(input.version, readFileSync(CHANGELOG, 'utf8'), new Date());
    put(`usr/share/doc/${PACKAGE}/changelog.gz`, gzipSync(changelog, { level: 9 }));
    put(`usr/share/lintian/overrides/${PACKAGE}`, LINTIAN_OVERRIDES);
    put('DEBIAN/control', debControl(input, Math.ceil(treeBytes(staging) / 1024)));
    put('DEBIAN/md5sums', md5sums(staging));
    const deb = join(outDir, debFileName(input.version, arch));
    execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', staging, deb], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return deb;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const CHANGELOG = join(import.meta.dirname, '../../CHANGELOG.md');

/**
 * Why the package does what lintian flags: the Chromium family reads system manifests only from
 * /etc/opt/<browser>, and they are not conffiles so that removing the package removes them (see
 * above); the program is the official Node.js binary (built by the Node project: not stripped,
 * not PIE, its own zlib inside) with the host injected, so stripping it would break it; its
 * manual is `popbiff-host --help`; the copyright file carries Node's license as Node ships it
 * (Apache-2.0 and old FSF texts included).
 */
const LINTIAN_OVERRIDES = `${PACKAGE}: dir-or-file-in-etc-opt [etc/opt/*]
${PACKAGE}: file-in-etc-not-marked-as-conffile [etc/*]
${PACKAGE}: embedded-library zlib [usr/lib/popbiff/popbiff-host]
${PACKAGE}: no-manual-page [usr/bin/popbiff-host]
${PACKAGE}: unstripped-binary-or-object [usr/lib/popbiff/popbiff-host]
${PACKAGE}: hardening-no-pie [usr/lib/popbiff/popbiff-host]
${PACKAGE}: copyright-file-contains-full-apache-2-license
${PACKAGE}: old-fsf-address-in-copyright-file
`;

/** Words into lines of at most 80 columns (Policy §4.4), the first with `first` in front. */
function wrap(text: string, first: string, rest: string): string {
  const lines = [first];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    const line = lines[last] ?? '';
    if (line.length + word.length + 1 > 80 && line.trim().length > 1) lines.push(`${rest}${word}`);
    else lines[last] = line.endsWith(' ') ? `${line}${word}` : `${line} ${word}`;
  }
  return lines.join('\n');
}

/** A native package's changelog in Debian's format (Policy §4.4), from CHANGELOG.md's section. */
export function debianChangelog(version: string, changelog: string, date: Date): string {
  const section = changelog.split(/^## /m).find((part) => part.startsWith(`${version}\n`)) ?? '';
  const items = section
    .split('\n')
    .slice(1)
    .join('\n')
    .split(/^- /m)
    .map((item) => item.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const lines = (items.length > 0 ? items : [`Popbiff ${version}.`]).map((item) => wrap(item, '  * ', '    '));
  const stamp = date.toUTCString().replace('GMT', '+0000');
  return `${PACKAGE} (${version}) unstable; urgency=medium\n\n${lines.join('\n')}\n\n -- ${MAINTAINER}  ${stamp}\n`;
}

function copyright(executable: BuiltExecutable): string {
  const nodeLicense = readFileSync(
    join(cachedPackage(executable.target.nodePackage, executable.target.nodeVersion), 'LICENSE'),
    'utf8',
  );
  return [
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
    'Upstream-Name: popbiff',
    '',
    'Files: *',
    'Copyright: Popbiff contributors',
    'License: MIT',
    '',
    `Files: ${DEB_PROGRAM}`,
    `Comment: The program is Node.js ${executable.target.nodeVersion} with the Popbiff host injected`,
    ' (a Node single executable application). Node.js license follows.',
    'License: Node.js',
    ...nodeLicense.split('\n').map((line) => (line.trim() === '' ? ' .' : ` ${line}`)),
    '',
    'License: MIT',
    ...MIT.split('\n').map((line) => (line.trim() === '' ? ' .' : ` ${line}`)),
    '',
  ].join('\n');
}

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

/** Every regular file below root (DEBIAN excluded), relative, sorted. */
function files(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return relative(root, path) === 'DEBIAN' ? [] : files(root, path);
      return entry.isFile() ? [relative(root, path)] : [];
    })
    .sort();
}

function treeBytes(root: string): number {
  return files(root).reduce((sum, file) => sum + statSync(join(root, file)).size, 0);
}

function md5sums(root: string): string {
  return files(root)
    .map(
      (file) =>
        `${createHash('md5')
          .update(readFileSync(join(root, file)))
          .digest('hex')}  ${file}\n`,
    )
    .join('');
}
