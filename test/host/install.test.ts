import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { HOST_NAME } from '../../src/shared/protocol';
import { ensureHostBundle } from './host-process';

let bundle: string;
let home: string;
let profile: string;
let configDir: string;
let manifestPath: string;
let launcherPath: string;

function popbiff(...args: string[]) {
  const run = spawnSync(process.execPath, [bundle, ...args], {
    env: { ...process.env, HOME: home, POPBIFF_CONFIG_DIR: configDir },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const target = () => ['--browser', 'chromium', '--profile-dir', profile];

beforeAll(() => {
  bundle = ensureHostBundle();
});
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'popbiff-install-'));
  profile = join(home, 'profile');
  configDir = join(home, 'config');
  manifestPath = join(profile, 'NativeMessagingHosts', `${HOST_NAME}.json`);
  launcherPath = join(configDir, 'host', 'popbiff-host');
  expect(popbiff('install', ...target()).status).toBe(0);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('install and doctor', () => {
  it('writes a launcher and a manifest that doctor approves of', () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    expect(manifest).toEqual({
      name: HOST_NAME,
      description: expect.any(String),
      path: launcherPath,
      type: 'stdio',
      allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`],
    });
    expect(statSync(launcherPath).mode & 0o777).toBe(0o755);
    expect(readFileSync(launcherPath, 'utf8')).toContain(`"${process.execPath}" "${bundle}" "$@"`);

    const doctor = popbiff('doctor', ...target());
    expect(doctor.output).toContain('answers "hello"');
    expect(doctor.status).toBe(0);
  });

  it('names a missing manifest and the command that fixes it', () => {
    unlinkSync(manifestPath);
    const doctor = popbiff('doctor', ...target());
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain(`no host manifest at ${manifestPath}`);
    expect(doctor.output).toContain(`npx popbiff install --browser chromium --profile-dir ${JSON.stringify(profile)}`);
  });

  it('names a manifest that is not JSON', () => {
    writeFileSync(manifestPath, '{"name": ');
    const doctor = popbiff('doctor', ...target());
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain('not valid JSON');
  });

  it('names a launcher that is not executable', () => {
    chmodSync(launcherPath, 0o644);
    const doctor = popbiff('doctor', ...target());
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain(`${launcherPath} is not executable`);
  });

  it('names a manifest that does not allow our extension', () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, allowed_origins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'] }));
    const doctor = popbiff('doctor', ...target());
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain(`does not allow chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`);
  });

  it('names a launcher whose node binary has gone', () => {
    const stale = '/nonexistent/node-v0/bin/node';
    writeFileSync(launcherPath, readFileSync(launcherPath, 'utf8').replace(`"${process.execPath}"`, `"${stale}"`));
    const doctor = popbiff('doctor', ...target());
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain(`runs ${stale}, which does not exist`);
  });

  it('notices a host that starts but does not answer', () => {
    writeFileSync(launcherPath, `#!/bin/sh\nexec "${process.execPath}" -e "process.exit(3)"\n`);
    const doctor = popbiff('doctor', ...target());
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain('exited (code 3) without answering');
  });

  it('uninstall removes exactly what install wrote', () => {
    const result = popbiff('uninstall', ...target());
    expect(result.status).toBe(0);
    expect(existsSync(manifestPath)).toBe(false);
    expect(existsSync(launcherPath)).toBe(false);
    expect(existsSync(join(profile, 'NativeMessagingHosts'))).toBe(true);
    expect(popbiff('doctor', ...target()).status).toBe(1);
  });

  it('refuses an unknown browser as a usage error', () => {
    const result = popbiff('install', '--browser', 'netscape');
    expect(result.status).toBe(2);
    expect(result.output).toContain('Unknown browser "netscape"');
  });
});
