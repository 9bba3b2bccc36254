/**
 * A replaced file survives a crash of the machine, not only of the program: the new content is
 * flushed to disk before the rename makes it visible, and the folder after it.
 */
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { modeOf, useTempDir } from '../../helpers/temp-dir';

const steps: string[] = [];

vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const open: typeof fs.open = async (...args) => {
    const handle = await fs.open(...args);
    const name = String(args[0]).endsWith('.tmp') ? 'file' : 'folder';
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      steps.push(`sync ${name}`);
      return sync();
    };
    return handle;
  };
  const rename: typeof fs.rename = async (...args) => {
    steps.push('rename');
    return fs.rename(...args);
  };
  return { ...fs, open, rename };
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
