import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureHostBundle } from './host-process';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
let bundle: string;
let configDir: string;

beforeAll(() => {
  bundle = ensureHostBundle();
  configDir = mkdtempSync(join(tmpdir(), 'popbiff-cli-'));
});
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

function popbiff(args: string[], password = 'pw') {
  const env = { ...process.env, POPBIFF_CONFIG_DIR: configDir, POPBIFF_PASSWORD: password };
  const run = spawnSync(process.execPath, [bundle, ...args], {
    env,
    encoding: 'utf8',
    timeout: 20_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

it('prints its version and help', () => {
  expect(popbiff(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n` });
  const help = popbiff(['--help']);
  expect(help.status).toBe(0);
  for (const command of ['check', 'install', 'uninstall', 'doctor'])
    expect(help.stdout).toContain(`popbiff ${command}`);
});

it('exits with 2 on usage errors', () => {
  expect(popbiff(['frobnicate']).status).toBe(2);
  expect(popbiff(['check']).status).toBe(2);
  const badLimit = popbiff(['check', 'pop3s://a@127.0.0.1', '--limit', '500', '--json']);
  expect(badLimit.status).toBe(2);
  expect(JSON.parse(badLimit.stdout)).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining('--limit') },
  });
});

it('reports a refused connection as CONNECT_FAILED with exit code 1, never echoing the password', () => {
  const run = popbiff(['check', 'pop3s://ada@127.0.0.1:1', '--json'], 'Secret-In-Env-42');
  expect(run.status).toBe(1);
  expect(JSON.parse(run.stdout)).toEqual({ ok: false, error: { code: 'CONNECT_FAILED', message: expect.any(String) } });
  expect(run.stdout + run.stderr).not.toContain('Secret-In-Env-42');
});
