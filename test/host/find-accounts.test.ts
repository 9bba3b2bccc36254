/**
 * The account finder through the native protocol: the built host, started as a browser starts
 * it, with a home folder (HOME, through the environment the browser passes on) holding the
 * settings of every mail program the finder reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { REQUESTS } from '../../src/shared/protocol';
import { EXPECTED_ACCOUNTS, PASSWORD_MARKER, writeMailPrograms } from '../helpers/mail-program-fixtures';
import { HostProcess, ensureHostBundle } from './host-process';

let dir: string;
let host: HostProcess;

beforeAll(() => {
  ensureHostBundle();
  dir = mkdtempSync(join(tmpdir(), 'popbiff-host-finder-'));
  const home = join(dir, 'home');
  writeMailPrograms(home);
  // XDG_CONFIG_HOME is left to default to HOME/.config, as on most desktops.
  const { XDG_CONFIG_HOME: _ignored, ...env } = process.env;
  host = new HostProcess([`chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`], {
    ...env,
    HOME: home,
    POPBIFF_CONFIG_DIR: join(dir, 'config'),
  });
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('answers find-accounts with the POP3 accounts of every mail program in the home folder, and no password', async () => {
  const reply = await host.request('f1', 'find-accounts', {});
  expect(reply).toMatchObject({ ok: true, id: 'f1' });
  expect(REQUESTS['find-accounts'].result.parse(reply.result)).toEqual({
    accounts: EXPECTED_ACCOUNTS,
    programs: ['thunderbird', 'evolution', 'kmail', 'claws-mail'],
    capped: false,
  });
  expect(JSON.stringify(reply)).not.toContain(PASSWORD_MARKER);
});

it('takes no path from the extension: extra payload fields change nothing', async () => {
  const reply = await host.request('f2', 'find-accounts', { home: '/etc', places: ['/etc/shadow'] });
  expect(reply).toMatchObject({ ok: true });
  expect((reply.result as { accounts: unknown[] }).accounts).toEqual(EXPECTED_ACCOUNTS);
});
