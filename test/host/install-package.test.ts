/**
 * What `npm run package` produces is what users install: the store zips and the npm package of
 * the host. Runs scripts/package.ts into a temporary folder (dist/ must be built) and inspects
 * the results the way the stores and npm would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
let out: string;

/** The files of a zip archive by name (stored or deflated entries, as web-ext writes them). */
function readZip(path: string): Map<string, Buffer> {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${path} is not a zip archive`);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const entryLength = 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const local = zip.readUInt32LE(offset + 42);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += entryLength;
  }
  return files;
}

function manifestOf(files: Map<string, Buffer>): Record<string, unknown> {
  const text = files.get('manifest.json');
  if (!text) throw new Error('no manifest.json in the package');
  return JSON.parse(text.toString('utf8')) as Record<string, unknown>;
}

/** `__MSG_name__` resolved from the default locale, as the store shows it. */
function localized(files: Map<string, Buffer>, value: unknown): string {
  const messages = JSON.parse(files.get('_locales/en/messages.json')?.toString('utf8') ?? '{}') as Record<
    string,
    { message: string }
  >;
  const key = /^__MSG_(\w+)__$/.exec(String(value))?.[1];
  return key ? (messages[key]?.message ?? '') : String(value);
}

beforeAll(() => {
  for (const part of ['dist/chrome', 'dist/firefox', 'dist/host/popbiff.mjs']) {
    if (!existsSync(join(root, part))) throw new Error(`${part} is missing: run "npm run build" first.`);
  }
  out = mkdtempSync(join(tmpdir(), 'popbiff-package-'));
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/package.ts'), '--out', out, '--extension-only'],
    {
      cwd: root,
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
}, 150_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the Chrome Web Store package', () => {
  it('has a valid MV3 manifest without the development key', () => {
    const files = readZip(join(out, 'popbiff-chrome.zip'));
    const manifest = manifestOf(files);
    expect(manifest).not.toHaveProperty('key');
    expect(manifest).not.toHaveProperty('browser_specific_settings');
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.version).toBe(version);
    expect(localized(files, manifest.name).length).toBeGreaterThan(0);
    expect(localized(files, manifest.name).length).toBeLessThanOrEqual(75);
    expect(localized(files, manifest.description).length).toBeLessThanOrEqual(132);
    expect(String(manifest.short_name).length).toBeLessThanOrEqual(12);
    expect(manifest).not.toHaveProperty('host_permissions');
  });

  it('contains every file the manifest names, and no source maps or private keys', () => {
    const files = readZip(join(out, 'popbiff-chrome.zip'));
    const manifest = manifestOf(files) as {
      icons: Record<string, string>;
      background: { service_worker: string };
      action: { default_popup: string };
      options_ui: { page: string };
    };
    const named = [
      ...Object.values(manifest.icons),
      manifest.background.service_worker,
      manifest.action.default_popup,
      manifest.options_ui.page,
    ];
    for (const file of named) expect(files.has(file), file).toBe(true);
    expect(manifest.icons['128']).toBeDefined();
    expect([...files.keys()].filter((name) => name.endsWith('.map'))).toEqual([]);
    expect([...files.values()].some((data) => data.includes('PRIVATE KEY'))).toBe(false);
  });
});

describe('the Firefox package', () => {
  it('carries what AMO needs: gecko id, minimum version, data collection declaration', () => {
    const manifest = manifestOf(readZip(join(out, 'popbiff-firefox.zip'))) as {
      browser_specific_settings: { gecko: Record<string, unknown> };
      background: Record<string, unknown>;
    };
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: 'popbiff@popbiff.org',
      strict_min_version: expect.stringMatching(/^\d+\.0$/),
      data_collection_permissions: { required: ['none'] },
    });
    expect(manifest).not.toHaveProperty('key');
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
  });
});

describe('the npm package of the host', () => {
  const dir = () => join(out, 'host-package');

  it('is the popbiff bin: one executable bundle with a node shebang that runs', () => {
    const manifest = JSON.parse(readFileSync(join(dir(), 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'popbiff', version, bin: { popbiff: 'popbiff.mjs' } });
    expect(manifest).not.toHaveProperty('private');
    const bin = join(dir(), 'popbiff.mjs');
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(version);
  });

  it('packs to exactly the bundle and its chunks, its README and package.json', () => {
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir(), encoding: 'utf8' }),
    ) as [{ files: { path: string }[] }];
    const chunks = readdirSync(join(root, 'dist/host')).filter((name) => name.endsWith('.mjs'));
    expect(chunks).toContain('popbiff.mjs');
    expect(pack.files.map((file) => file.path).sort()).toEqual(['README.md', 'package.json', ...chunks].sort());
  });

  it('runs a command that needs a lazily loaded chunk from the package folder', () => {
    const run = spawnSync(process.execPath, [join(dir(), 'popbiff.mjs'), 'check', 'pop3s://a@127.0.0.1:1', '--json'], {
      env: { ...process.env, POPBIFF_PASSWORD: 'x' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'CONNECT_FAILED' } });
  });
});
