import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readStateFile, writeStateFile } from '../../../../src/host/cli/state-file';

/** Issue 10, item 1: `popbiff check --state FILE` never lets one mailbox's state steer another's check. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-state-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HOME = { host: 'pop.example.org', port: 995, username: 'ada' };
const known = { uids: ['u1', 'u2'], serverFacts: { capa: true, pipelining: true, uidl: true } };

it('reads back the state of the mailbox that wrote it, whatever the case of the host name', async () => {
  const file = join(dir, 'state.json');
  await writeStateFile(file, known, HOME);
  expect(await readStateFile(file, { ...HOME, host: 'POP.example.org' })).toEqual(known);
});

it('refuses a state file written for another host, port or user name', async () => {
  const file = join(dir, 'state.json');
  await writeStateFile(file, known, HOME);
  for (const other of [{ host: 'pop.evil.example' }, { port: 110 }, { username: 'mallory' }]) {
    await expect(readStateFile(file, { ...HOME, ...other })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      message: 'The state file belongs to another mailbox (server, port or user name); give another file or delete it.',
    });
  }
});

it('takes a file from before it named its mailbox as this one', async () => {
  const file = join(dir, 'old.json');
  writeFileSync(file, JSON.stringify(known));
  expect(await readStateFile(file, HOME)).toEqual(known);
  expect(await readStateFile(join(dir, 'missing.json'), HOME)).toBeUndefined();
});
