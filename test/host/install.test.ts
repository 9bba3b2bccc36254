import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { HOST_NAME } from '../../src/shared/protocol';
import { HostProcess, ensureHostBundle } from './host-process';

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
  it('lets the host say where it is registered, for the options page', async () => {
    const host = new HostProcess([`chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`], {
      ...process.env,
      HOME: home,
      POPBIFF_CONFIG_DIR: configDir,
    });
    try {
      const reply = await host.request('h1', 'hello', {});
      expect(reply).toMatchObject({ ok: true, result: { registrations: [manifestPath] } });
    } finally {
      host.child.kill();
    }
  });

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
    writeFileSync(
      manifestPath,
      JSON.stringify({ ...manifest, allowed_origins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'] }),
    );
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

  it('names a launcher whose node is too old, and says to install a newer one', () => {
    const oldNode = join(home, 'node-v18');
    writeFileSync(oldNode, '#!/bin/sh\necho v18.19.1\n', { mode: 0o755 });
    writeFileSync(launcherPath, readFileSync(launcherPath, 'utf8').replace(`"${process.execPath}"`, `"${oldNode}"`));
    const doctor = popbiff('doctor', ...target());
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain('runs Node v18.19.1; Popbiff needs 20 or newer');
    expect(doctor.output).toContain('Fix: install Node.js 20 or newer, then run: npx popbiff install');
  });

  it('reports where secrets are kept once the host answers', () => {
    expect(popbiff('doctor', ...target()).output).toMatch(/secrets in: (file|keyring)/);
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

  it('installs into every Firefox-family browser in HOME, and uninstall of one keeps the other', () => {
    const firefox = join(home, '.mozilla', 'native-messaging-hosts', `${HOST_NAME}.json`);
    const librewolf = join(home, '.librewolf', 'native-messaging-hosts', `${HOST_NAME}.json`);
    expect(popbiff('install', '--browser', 'firefox', '--browser', 'librewolf').status).toBe(0);
    expect(JSON.parse(readFileSync(librewolf, 'utf8'))).toMatchObject({
      path: launcherPath,
      allowed_extensions: ['popbiff@popbiff.org'],
    });
    expect(popbiff('doctor', '--browser', 'firefox', '--browser', 'librewolf').status).toBe(0);

    expect(popbiff('uninstall', '--browser', 'librewolf').status).toBe(0);
    expect(existsSync(librewolf)).toBe(false);
    expect(existsSync(firefox)).toBe(true);
    expect(existsSync(launcherPath)).toBe(true);

    const all = popbiff('uninstall');
    expect(all.status).toBe(0);
    expect([existsSync(firefox), existsSync(manifestPath), existsSync(launcherPath)]).toEqual([false, false, false]);
  });

  it('leaves alone a manifest that install did not write', () => {
    const foreign = join(home, '.config', 'google-chrome', 'NativeMessagingHosts', `${HOST_NAME}.json`);
    mkdirSync(dirname(foreign), { recursive: true });
    writeFileSync(foreign, '{}');
    expect(popbiff('uninstall').status).toBe(0);
    expect(existsSync(foreign)).toBe(true);
  });

  it('refuses an unknown browser as a usage error', () => {
    const result = popbiff('install', '--browser', 'netscape');
    expect(result.status).toBe(2);
    expect(result.output).toContain('Unknown browser "netscape"');
  });
});
