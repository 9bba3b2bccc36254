/**
 * `popbiff status` end to end: the extension's summary goes to the real host over stdio, and
 * the CLI prints it in each format without contacting anything; `--watch` prints each change.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import type { StatusSummary } from '../../src/shared/status';
import { eventually } from '../helpers/eventually';
import { ensureHostBundle, HostProcess } from './host-process';

const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`;
let bundle: string;
let configDir: string;

beforeAll(() => {
  bundle = ensureHostBundle();
});
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'popbiff-status-'));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

const env = () => ({ ...process.env, POPBIFF_CONFIG_DIR: configDir, POPBIFF_SECRET_STORE: 'file' });

function status(args: string[]) {
  const run = spawnSync(process.execPath, [bundle, 'status', ...args], {
    env: env(),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function publish(summary: StatusSummary): Promise<void> {
  const host = new HostProcess([ORIGIN], env());
  expect(await host.request('p1', 'publish-status', summary)).toMatchObject({ ok: true, result: { done: true } });
  await host.close();
}

const twoAccounts: StatusSummary = {
  accounts: [
    { accountId: 'work', name: 'Work', unseen: 2, lastCheckAt: Date.now() },
    { accountId: 'home', name: 'Home', unseen: 1, error: 'TIMEOUT', lastCheckAt: Date.now() },
  ],
};

describe('popbiff status', () => {
  it('says there is no status yet before the extension has published one', () => {
    expect(status([])).toMatchObject({ code: 0, stdout: expect.stringContaining('No status yet') });
  });

  it('prints what the extension published, in each format', async () => {
    await publish(twoAccounts);
    const plain = status([]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split('\n').slice(0, 3)).toEqual([
      '3 new · 1 account with an error',
      '  Work: 2 new',
      expect.stringMatching(/^ {2}Home: 1 new; error: /),
    ]);
    expect(JSON.parse(status(['--json']).stdout)).toMatchObject({ total: 3, errors: 1 });
    expect(JSON.parse(status(['--waybar']).stdout)).toMatchObject({ text: '✉ 3 !', class: 'new' });
    expect(status(['--i3blocks']).stdout).toBe('✉ 3 !\n✉ 3 !\n');
    expect(status(['--polybar']).stdout).toBe('✉ 3 !\n');
  });

  it('refuses two formats at once and unknown options, with exit code 2', () => {
    expect(status(['--json', '--waybar'])).toMatchObject({ code: 2, stderr: expect.stringContaining('one format') });
    expect(status(['--fancy']).code).toBe(2);
  });

  it('--watch prints the current status, then a new line each time it changes', async () => {
    await publish(twoAccounts);
    const watcher = spawn(process.execPath, [bundle, 'status', '--watch', '--polybar'], { env: env() });
    let out = '';
    watcher.stdout.on('data', (data: Buffer) => {
      out += data.toString('utf8');
    });
    try {
      const printed = (expected: string) =>
        eventually(
          async () => out,
          (text) => text === expected,
          'watch output',
          10_000,
        );
      await printed('✉ 3 !\n');
      await publish({ accounts: [{ accountId: 'work', name: 'Work', unseen: 0, lastCheckAt: Date.now() }] });
      await printed('✉ 3 !\n\n');
      await publish({ accounts: [{ accountId: 'work', name: 'Work', unseen: 4, lastCheckAt: Date.now() }] });
      await printed('✉ 3 !\n\n✉ 4\n');
    } finally {
      watcher.kill('SIGTERM');
    }
    expect(await new Promise((resolve) => watcher.once('exit', (code) => resolve(code)))).toBe(0);
  });
});
