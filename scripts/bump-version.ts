/**
 * `npm run bump -- X.Y.Z "What changed" ["More" …]`: the one place a release's version is set.
 * package.json (and its lock) carries it; every other copy follows at build time: the
 * extensions' manifests (scripts/build.ts), the host's `hello` and `--version` (vite define),
 * the npm host package, the .deb and the archive names (scripts/package.ts). CHANGELOG.md gets
 * the release's section on top, one bullet per note.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export function changelogWith(changelog: string, version: string, notes: string[]): string {
  if (changelog.includes(`\n## ${version}\n`)) throw new Error(`CHANGELOG.md already has a section for ${version}.`);
  const first = changelog.indexOf('\n## ');
  const section = `## ${version}\n\n${notes.map((note) => `- ${note}`).join('\n')}\n`;
  if (first === -1) return `${changelog.trimEnd()}\n\n${section}`;
  return `${changelog.slice(0, first + 1)}${section}\n${changelog.slice(first + 1)}`;
}

function setVersion(file: string, version: string, lock: boolean): void {
  const path = resolve(root, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & {
    packages?: Record<string, Record<string, unknown>>;
  };
  json.version = version;
  const self = json.packages?.[''];
  if (lock && self) self.version = version;
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}

function main(args: string[]): void {
  const [version, ...notes] = args;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version) || notes.length === 0) {
    console.error('usage: npm run bump -- X.Y.Z "What changed" ["More" …]');
    process.exit(2);
  }
  const changelog = resolve(root, 'CHANGELOG.md');
  writeFileSync(changelog, changelogWith(readFileSync(changelog, 'utf8'), version, notes));
  setVersion('package.json', version, false);
  setVersion('package-lock.json', version, true);
  console.error(`version ${version}: package.json, package-lock.json, CHANGELOG.md (the rest follows at build time)`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
