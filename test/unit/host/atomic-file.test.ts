/**
 * A replaced file survives a crash of the machine, not only of the program: the new content is
 * flushed to disk before the rename makes it visible, and the folder after it.
 */
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { modeOf, useTempDir } from '../../helpers/temp-dir';

const steps: string[] = [];
/** Which file each 'rename' step moved into place, by its index in `steps`. */
const renamed = new Map<number, string>();
/** The folders listed, in order. */
const listed: string[] = [];

vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const open: typeof fs.open = async (...args) => {
    const handle = await fs.open(...args);
    const name = String(args[0]).endsWith('.tmp') ? 'file' : 'folder';
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      steps.push(`sync ${name}`);
      // A flush takes a while, so other writers' renames land during it.
      if (name === 'folder') await new Promise((resolve) => setTimeout(resolve, 5));
      return sync();
    };
    return handle;
  };
  const rename: typeof fs.rename = async (...args) => {
    renamed.set(steps.length, String(args[1]));
    steps.push('rename');
    return fs.rename(...args);
  };
  const readdir = (async (...args: Parameters<typeof fs.readdir>) => {
    listed.push(String(args[0]));
    return fs.readdir(...args);
  }) as typeof fs.readdir;
  return { ...fs, open, rename, readdir };
});

const { writeFileAtomic } = await import('../../../src/host/atomic-file');
const dir = useTempDir();

it('flushes the new content before the rename and the folder after it; no temporary file stays', async () => {
  const path = join(dir(), 'state.json');
  await writeFileAtomic(path, '{"old":true}', 0o600);
  steps.length = 0;
  await writeFileAtomic(path, '{"new":true}', 0o600);
  expect(steps).toEqual(['sync file', 'rename', 'sync folder']);
  expect(await readFile(path, 'utf8')).toBe('{"new":true}');
  expect(modeOf(path)).toBe(0o600);
  expect(await readdir(dir())).toEqual(['state.json']);
});

it('flushes a folder again for writes that finished during a flush, once for all of them', async () => {
  const files = Array.from({ length: 20 }, (_, i) => join(dir(), `acc${i}.json`));
  await Promise.all(files.map((file) => writeFileAtomic(file, '{}', 0o600)));
  steps.length = 0;
  renamed.clear();
  const done = new Map<string, number>();
  await Promise.all(
    files.map((file) => writeFileAtomic(file, '{"again":true}', 0o600).then(() => done.set(file, steps.length))),
  );
  const flushes = [...steps.keys()].filter((i) => steps[i] === 'sync folder');
  expect(flushes.length).toBeGreaterThanOrEqual(1);
  expect(flushes.length).toBeLessThan(files.length);
  // Each write ends only after a flush of the folder that began after its own rename.
  for (const [at, file] of renamed)
    expect(flushes.some((flush) => flush > at && flush < (done.get(file) ?? -1))).toBe(true);
  for (const file of files) expect(await readFile(file, 'utf8')).toBe('{"again":true}');
});

it('removes the temporary copies of the file that a writer killed mid-write left over a minute ago, and nothing else', async () => {
  const folder = join(dir(), 'leftovers');
  await mkdir(folder);
  const old = new Date(Date.now() - 5 * 60_000);
  const names = {
    leftover: 'acc.json.4242.0badc0de.tmp',
    writing: 'acc.json.4343.00c0ffee.tmp',
    anotherFiles: 'other.json.4242.0badc0de.tmp',
    someoneElses: 'notes.tmp',
  };
  for (const name of Object.values(names)) await writeFile(join(folder, name), 'half');
  for (const name of [names.leftover, names.anotherFiles, names.someoneElses])
    await utimes(join(folder, name), old, old);
  await writeFileAtomic(join(folder, 'acc.json'), '{}', 0o600);
  expect((await readdir(folder)).sort()).toEqual(
    ['acc.json', names.writing, names.anotherFiles, names.someoneElses].sort(),
  );
});

it('lists a folder once for the leftovers of all its files, not once per file', async () => {
  const folder = join(dir(), 'many');
  await mkdir(folder);
  listed.length = 0;
  await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(join(folder, `acc${i}.json`), '{}', 0o600)));
  expect(listed.filter((listedFolder) => listedFolder === folder)).toHaveLength(1);
});
