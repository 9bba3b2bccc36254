/**
 * `npm run package` (after `npm run build`): what goes to the stores and to npm.
 * - popbiff-chrome.zip: dist/chrome without the development `key` (the store assigns the id).
 * - popbiff-firefox.zip: dist/firefox, zipped by web-ext after `web-ext lint` found no error
 *   and no warning.
 * - host-package/: the npm package `popbiff` (one bundled file plus the keyring module as its
 *   only dependency), so users can run `npx popbiff install`.
 * - the self-contained host for every target in scripts/lib/host-targets.ts: a .deb per Linux
 *   architecture, a .tar.gz with install.sh per Linux and macOS target, a .zip with install.cmd
 *   for Windows (scripts/lib/executable.ts, deb.ts, archives.ts).
 * - store/: the listing texts, privacy policy, icon and screenshots for the store forms.
 * Source maps never ship. `--out DIR` writes elsewhere than dist/ (the tests use it);
 * `--target NAME` (repeatable) builds only those host targets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildArchive } from './lib/archives';
import { buildDeb } from './lib/deb';
import { buildExecutable } from './lib/executable';
import { TARGET_NAMES, type TargetName } from './lib/host-targets';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');
const webExt = resolve(root, 'node_modules/web-ext/bin/web-ext.js');

type Json = Record<string, unknown>;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Json;

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      target: { type: 'string', multiple: true },
      // The store zips, listing and npm host package only (its test), without the programs.
      'extension-only': { type: 'boolean', default: false },
    },
  });
  const out = resolve(values.out ?? dist);
  const targets = values['extension-only'] ? [] : (values.target ?? [...TARGET_NAMES]).map(toTarget);
  for (const part of ['chrome', 'firefox', 'host/popbiff.mjs', 'sea/popbiff-host.cjs']) {
    if (!existsSync(join(dist, part))) throw new Error(`dist/${part} is missing: run "npm run build" first.`);
  }
  const staging = join(out, '.package-staging');
  rmSync(staging, { recursive: true, force: true });
  try {
    lintFirefox();
    zipExtension(stage('chrome', staging), out, 'popbiff-chrome.zip');
    zipExtension(stage('firefox', staging), out, 'popbiff-firefox.zip');
    writeHostPackage(join(out, 'host-package'));
    writeStoreListing(join(out, 'store'));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const programs = targets.flatMap((name) => writeHostProgram(name, out));
  console.error(
    `packaged ${out}/popbiff-chrome.zip, popbiff-firefox.zip, host-package/ and\n  ${programs.join('\n  ')}`,
  );
}

/**
 * What the store forms ask for beside the zips: the listing texts (en, es), the privacy policy,
 * the 128 px icon and the 1280×800 screenshots (refreshed by test/e2e/store-screenshots.test.ts).
 */
function writeStoreListing(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(resolve(root, 'store'), dir, { recursive: true });
  cpSync(resolve(root, 'icons/popbiff-128.png'), join(dir, 'icon-128.png'));
}

function toTarget(name: string): TargetName {
  const found = TARGET_NAMES.find((target) => target === name);
  if (!found) throw new Error(`unknown target "${name}"; use one of ${TARGET_NAMES.join(', ')}`);
  return found;
}

/** One target's downloads: its archive, and for Linux its Debian package. */
function writeHostProgram(name: TargetName, out: string): string[] {
  const project = readJson(join(root, 'package.json'));
  const version = String(project.version);
  const executable = buildExecutable(name);
  const written = [buildArchive(executable, version, out)];
  if (executable.target.os === 'linux') {
    const deb = buildDeb({ executable, version, homepage: String(project.homepage) }, out);
    lintDeb(deb);
    written.push(deb);
  }
  return written;
}

/**
 * Debian's own package checker, when installed (.ci/run installs it): any error or warning it
 * reports that deb.ts does not override with a reason fails the build.
 */
function lintDeb(deb: string): void {
  if (spawnSync('lintian', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(`lintian is not installed: ${deb} was not linted (apt-get install lintian).`);
    return;
  }
  const run = spawnSync('lintian', ['--fail-on', 'error,warning', deb], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`lintian ${deb}:\n${run.stdout}${run.stderr}`);
}

/** A copy of dist/TARGET without source maps, and for Chrome without `key`. */
function stage(target: 'chrome' | 'firefox', staging: string): string {
  const dir = join(staging, target);
  cpSync(join(dist, target), dir, { recursive: true, filter: (source) => !source.endsWith('.map') });
  if (target === 'chrome') {
    const { key: _key, ...manifest } = readJson(join(dir, 'manifest.json'));
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return dir;
}

/** AMO runs the same linter; a warning now is a review problem later. */
function lintFirefox(): void {
  const report = runWebExt(
    ['lint', '--source-dir', join(dist, 'firefox'), '--output', 'json', '--no-config-discovery'],
    true,
  );
  const { errors, warnings } = JSON.parse(report) as { errors: Json[]; warnings: Json[] };
  const problems = [...errors, ...warnings].map(
    (m) => `${String(m.code)}: ${String(m.message)} (${String(m.file ?? '')})`,
  );
  if (problems.length > 0) throw new Error(`web-ext lint on dist/firefox:\n  ${problems.join('\n  ')}`);
}

function zipExtension(sourceDir: string, out: string, filename: string): void {
  mkdirSync(out, { recursive: true });
  runWebExt([
    'build',
    '--source-dir',
    sourceDir,
    '--artifacts-dir',
    out,
    '--filename',
    filename,
    '--overwrite-dest',
    '--no-config-discovery',
  ]);
}

function runWebExt(args: string[], allowFailure = false): string {
  try {
    return execFileSync(process.execPath, [webExt, ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // lint exits non-zero when it finds problems; its JSON report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (allowFailure && stdout) return stdout;
    throw error;
  }
}

/**
 * The publishable host: the bundle (entry popbiff.mjs, the `popbiff` bin, plus the chunks it
 * loads lazily) and @napi-rs/keyring, which is native code and cannot be bundled (the host
 * falls back to its file store without it).
 */
function writeHostPackage(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const project = readJson(join(root, 'package.json'));
  const devDependencies = project.devDependencies as Record<string, string>;
  for (const chunk of readdirSync(join(dist, 'host')).filter(
    (name) => name.endsWith('.mjs') && name !== 'popbiff.mjs',
  )) {
    cpSync(join(dist, 'host', chunk), join(dir, chunk));
  }
  const bundle = readFileSync(join(dist, 'host/popbiff.mjs'), 'utf8');
  writeFileSync(join(dir, 'popbiff.mjs'), bundle.startsWith('#!') ? bundle : `#!/usr/bin/env node\n${bundle}`, {
    mode: 0o755,
  });
  const manifest = {
    name: 'popbiff',
    version: project.version,
    description: project.description,
    license: project.license,
    type: 'module',
    bin: { popbiff: 'popbiff.mjs' },
    files: ['*.mjs', 'README.md'],
    engines: { node: '>=20' },
    dependencies: { '@napi-rs/keyring': devDependencies['@napi-rs/keyring'] },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'README.md'), HOST_README);
}

const HOST_README = `# popbiff

The native host of the Popbiff browser extension: it checks your POP3 mailboxes for the
extension (never downloading or deleting mail) and keeps your passwords in the system keyring.

    npx popbiff install     # register the host with every browser it finds
    npx popbiff doctor      # check each registration and that the host answers
    npx popbiff uninstall   # remove exactly what install wrote

\`install\` pins the Node.js it runs with; rerun it after moving or upgrading Node. For a host that
does not depend on npx's cache, install it once with \`npm install -g popbiff\`, then run
\`popbiff install\`.
`;

main();
