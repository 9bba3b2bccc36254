/**
 * The self-contained host for this machine (Node 24 single executable application), run as a
 * browser and a user run it, with no `node` on PATH: it answers `hello` with the package version,
 * refuses an unknown request with a typed error, registers itself (no launcher script), loads
 * the keyring addon from beside itself, and doctor approves of what install wrote.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltExecutable } from '../../scripts/lib/executable';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { HOST_NAME } from '../../src/shared/protocol';
import { eventually } from '../helpers/eventually';
import { PROJECT, ensureExecutable } from '../helpers/host-program';
import { pathWithoutNode } from '../helpers/no-node-path';
import { HostProcess } from './host-process';
import { type KeyringSession, startKeyringSession } from './keyring-session';

const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`;
let built: BuiltExecutable;
let dir: string;
let env: NodeJS.ProcessEnv;

function run(program: string, ...args: string[]) {
  const result = spawnSync(program, args, { env, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * hello (asked again while the host is still choosing its secret store: it answers "pending"
 * then), and a request type no host knows.
 */
async function hello(program: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const host = new HostProcess([ORIGIN], { ...env, ...extraEnv }, program);
  let asked = 0;
  try {
    const answer = await eventually(
      () => host.request(`h${++asked}`, 'hello', {}),
      (reply) => reply.result?.secretStore !== 'pending',
      'the secret store the host chose',
    );
    return { hello: answer, unknown: await host.request('u1', 'no-such-request', {}) };
  } finally {
    host.child.kill();
  }
}

beforeAll(() => {
  built = ensureExecutable();
  dir = mkdtempSync(join(tmpdir(), 'popbiff-executable-'));
  env = {
    ...process.env,
    PATH: pathWithoutNode(dir),
    HOME: join(dir, 'home'),
    POPBIFF_CONFIG_DIR: join(dir, 'config'),
  };
}, 600_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the self-contained host', () => {
  it('runs where no node is on PATH', () => {
    expect(spawnSync('sh', ['-c', 'command -v node'], { env }).status).not.toBe(0);
    expect(run(built.program, '--version')).toEqual({ status: 0, output: `${PROJECT.version}\n` });
    expect(run(built.program, '--help').output).toContain('popbiff-host install');
  });

  it('answers hello with its version and refuses an unknown request with a typed error', async () => {
    const replies = await hello(built.program, { POPBIFF_SECRET_STORE: 'file' });
    expect(replies.hello).toMatchObject({ ok: true, hostVersion: PROJECT.version, result: { secretStore: 'file' } });
    expect(replies.unknown).toMatchObject({
      ok: false,
      hostVersion: PROJECT.version,
      error: { code: 'HOST_OUTDATED' },
    });
  });

  it('registers itself: the manifest names a copy of the program, not a launcher script', () => {
    const profile = join(dir, 'profile');
    expect(run(built.program, 'install', '--browser', 'chromium', '--profile-dir', profile).status).toBe(0);
    const installed = join(dir, 'config', 'host', 'popbiff-host');
    const manifest = JSON.parse(readFileSync(join(profile, 'NativeMessagingHosts', `${HOST_NAME}.json`), 'utf8'));
    expect(manifest.path).toBe(installed);
    expect(readFileSync(installed).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46])); // ELF, not #!
    expect(statSync(installed).size).toBe(statSync(built.program).size);
    expect(statSync(installed).mode & 0o777).toBe(0o755);
    expect(existsSync(join(dir, 'config', 'host', 'keyring.node'))).toBe(true);

    const doctor = run(installed, 'doctor', '--browser', 'chromium', '--profile-dir', profile);
    expect(doctor.output).toContain(`the host answers "hello" (version ${PROJECT.version}`);
    expect(doctor.status).toBe(0);

    const uninstall = run(installed, 'uninstall');
    expect(uninstall.status).toBe(0);
    expect(existsSync(installed)).toBe(false);
    expect(existsSync(join(dir, 'config', 'host', 'keyring.node'))).toBe(false);
    expect(existsSync(join(profile, 'NativeMessagingHosts', `${HOST_NAME}.json`))).toBe(false);
  }, 60_000);

  describe('with a Secret Service', () => {
    let session: KeyringSession;
    beforeAll(async () => {
      session = await startKeyringSession();
    });
    afterAll(() => session?.stop());

    it('keeps secrets in the keyring through the addon beside the program', async () => {
      const replies = await hello(built.program, {
        ...session.env,
        PATH: env.PATH,
        POPBIFF_CONFIG_DIR: join(dir, 'config-keyring'),
      });
      expect(replies.hello).toMatchObject({ ok: true, result: { secretStore: 'keyring' } });
    });

    it('falls back to the 0600 file when the addon is not beside it', async () => {
      const alone = join(dir, 'alone');
      spawnSync('mkdir', ['-p', alone]);
      copyFileSync(built.program, join(alone, 'popbiff-host'));
      spawnSync('chmod', ['755', join(alone, 'popbiff-host')]);
      const replies = await hello(join(alone, 'popbiff-host'), {
        ...session.env,
        PATH: env.PATH,
        POPBIFF_CONFIG_DIR: join(dir, 'config-alone'),
      });
      expect(replies.hello).toMatchObject({ ok: true, result: { secretStore: 'file' } });
    });
  });
});
