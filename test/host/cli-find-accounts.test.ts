/** `popbiff find-accounts` from the built bundle, with a home folder holding every mail program's settings. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXPECTED_ACCOUNTS, PASSWORD_MARKER, writeMailPrograms } from '../helpers/mail-program-fixtures';
import { ensureHostBundle } from './host-process';

let bundle: string;
let dir: string;

beforeAll(() => {
  bundle = ensureHostBundle();
  dir = mkdtempSync(join(tmpdir(), 'popbiff-cli-finder-'));
  writeMailPrograms(join(dir, 'home'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function popbiff(args: string[], home = join(dir, 'home')) {
  const { XDG_CONFIG_HOME: _default, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [bundle, ...args], {
    env: { ...inherited, HOME: home, POPBIFF_CONFIG_DIR: join(dir, 'config') },
    encoding: 'utf8',
    timeout: 20_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

it('lists each found account with the popbiff check that checks it, and never a password', () => {
  const run = popbiff(['find-accounts']);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(
    'Thunderbird, profile default-release: Work "mail"\n  popbiff check pop3s://ada@pop.example.org:995\n',
  );
  expect(run.stdout).toContain('  popbiff check pop3://j%C3%B3zef.m%C3%BCller@pop3.example.pl:110\n');
  expect(run.stdout).toContain(
    'Claws Mail: Claws plain\n  popbiff check pop3://plain@pop.plain.example:110 --insecure-plaintext\n',
  );
  expect(run.stdout.match(/popbiff check/g)).toHaveLength(EXPECTED_ACCOUNTS.length);
  expect(run.stdout + run.stderr).not.toContain(PASSWORD_MARKER);
});

it('prints the same result as the find-accounts request with --json', () => {
  const run = popbiff(['find-accounts', '--json']);
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({
    accounts: EXPECTED_ACCOUNTS,
    programs: ['thunderbird', 'evolution', 'kmail', 'claws-mail'],
    capped: false,
  });
});

it('says when no mail program was found, and refuses unknown options', () => {
  const empty = popbiff(['find-accounts'], join(dir, 'empty-home'));
  expect(empty).toMatchObject({ status: 0, stdout: expect.stringContaining('No settings of Thunderbird') });
  expect(popbiff(['find-accounts', '--everything']).status).toBe(2);
  expect(popbiff(['--help']).stdout).toContain('popbiff find-accounts [--json]');
});
