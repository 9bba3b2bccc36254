import { mkdirSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { removeSuperseded } from '../../../scripts/lib/package-cache';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir();

it('removes older builds of the same target, a day after a newer one, and leaves other targets alone', () => {
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60_000);
  const folders = {
    current: 'linux-x64-bbbb',
    superseded: 'linux-x64-aaaa',
    abandonedWork: 'linux-x64-eeee.partial-4242',
    recentOther: 'linux-x64-cccc',
    otherTarget: 'linux-arm64-dddd',
  };
  for (const name of Object.values(folders)) mkdirSync(join(dir(), name));
  for (const name of [folders.superseded, folders.abandonedWork, folders.otherTarget]) {
    utimesSync(join(dir(), name), twoDaysAgo, twoDaysAgo);
  }
  removeSuperseded(join(dir(), folders.current));
  expect(readdirSync(dir()).sort()).toEqual([folders.current, folders.otherTarget, folders.recentOther].sort());
});
