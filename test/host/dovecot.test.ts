/**
 * The built host against a real Dovecot on 127.0.0.1: `popbiff check` as a user runs it, and the
 * native-messaging path from set-secret through two checks linked by the state token.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotServer, makeMessage, startDovecot } from '../../scripts/lib/dovecot';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { HostProcess, ensureHostBundle } from './host-process';

const PASSWORD = 'host test password';
let dir: string;
let dovecot: DovecotServer;
let bundle: string;

beforeAll(async () => {
  bundle = ensureHostBundle();
  dir = await mkdtemp(join(tmpdir(), 'popbiff-host-dovecot-'));
  dovecot = await startDovecot({
    dir: join(dir, 'dovecot'),
    users: [
      { user: 'alice', password: PASSWORD },
      { user: 'bob', password: PASSWORD },
    ],
  });
  for (let n = 1; n <= 3; n++) {
    await dovecot.deliver(
      'alice',
      makeMessage({
        from: `Sender ${n} <s${n}@example.org>`,
        subject: `Subject ${n}`,
        date: new Date(Date.UTC(2024, 0, n)),
      }),
    );
  }
});
afterAll(async () => {
  await dovecot?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function cli(args: string[], password: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, POPBIFF_CONFIG_DIR: join(dir, 'config') };
  if (password === undefined) delete env.POPBIFF_PASSWORD;
  else env.POPBIFF_PASSWORD = password;
  const run = spawnSync(process.execPath, [bundle, 'check', ...args], {
    env,
    encoding: 'utf8',
    timeout: 20_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('popbiff check', () => {
  it('lists the newest messages as one JSON object', () => {
    const run = cli(
      [`pop3s://alice@127.0.0.1:${dovecot.pop3sPort}`, '--json', '--ca', dovecot.caFile, '--limit', '2'],
      PASSWORD,
    );
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as {
      ok: boolean;
      count: number;
      size: number;
      capabilities: string[];
      messages: { subject: string; uid: string }[];
    };
    expect(output).toMatchObject({ ok: true, count: 3 });
    expect(output.size).toBeGreaterThan(0);
    expect(output.capabilities).toContain('UIDL');
    expect(output.messages.map((m) => m.subject)).toEqual(['Subject 3', 'Subject 2']);
    expect(Object.keys(output.messages[0] ?? {}).sort()).toEqual([
      'date',
      'from',
      'messageId',
      'number',
      'size',
      'subject',
      'uid',
    ]);
  });

  it('works over STARTTLS and prints a readable table', () => {
    const run = cli([`pop3://alice@127.0.0.1:${dovecot.pop3Port}`, '--ca', dovecot.caFile], PASSWORD);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('3 message(s)');
    expect(run.stdout).toContain('Subject 1');
  });

  it('reports a wrong password with exit code 1 and the error code', () => {
    const run = cli([`pop3s://alice@127.0.0.1:${dovecot.pop3sPort}`, '--json', '--ca', dovecot.caFile], 'wrong');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });

  it('explains a failure in words without --json', () => {
    const run = cli([`pop3s://alice@127.0.0.1:${dovecot.pop3sPort}`, '--ca', dovecot.caFile], 'wrong');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('AUTH_FAILED');
    expect(run.stderr).toContain('What to do:');
    expect(run.stderr).not.toContain('wrong');
  });

  it('treats a missing password without a terminal as a usage error', () => {
    const run = cli([`pop3s://alice@127.0.0.1:${dovecot.pop3sPort}`, '--json'], undefined);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('POPBIFF_PASSWORD') },
    });
  });
});

describe('the host checking a real mailbox', () => {
  it('starts a baseline, then reports exactly the message that arrived since', async () => {
    const host = new HostProcess([`chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`], {
      ...process.env,
      POPBIFF_CONFIG_DIR: join(dir, 'host-config'),
    });
    try {
      const server = dovecot.serverSettings('bob');
      expect(await host.request('s', 'set-secret', { accountId: 'bob', server, secret: PASSWORD })).toMatchObject({
        ok: true,
      });
      const first = await host.request('c1', 'check', { accountId: 'bob', server, watch: [], limit: 10 });
      expect(first).toMatchObject({ ok: true, result: { count: 0, newCount: 0, baseline: true } });
      const token = first.result?.stateToken;
      expect(typeof token).toBe('string');

      await dovecot.deliver('bob', makeMessage({ from: 'Grace <grace@example.org>', subject: 'Arrived later' }));
      const second = await host.request('c2', 'check', {
        accountId: 'bob',
        server,
        stateToken: token,
        watch: [],
        limit: 10,
      });
      expect(second).toMatchObject({ ok: true, result: { count: 1, newCount: 1, baseline: false } });
      expect(second.result?.newMessages).toMatchObject([
        { subject: 'Arrived later', from: { address: 'grace@example.org' } },
      ]);
      expect(second.result?.stateToken).not.toBe(token);

      // Nothing changed: the same token, and the state file is not written again.
      const stateFile = join(dir, 'host-config', 'state', 'bob.json');
      const before = statSync(stateFile);
      const third = await host.request('c3', 'check', {
        accountId: 'bob',
        server,
        stateToken: second.result?.stateToken,
        watch: [],
        limit: 10,
      });
      expect(third).toMatchObject({ ok: true, result: { count: 1, newCount: 0, baseline: false } });
      expect(third.result?.stateToken).toBe(second.result?.stateToken);
      const after = statSync(stateFile);
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    } finally {
      expect(await host.close()).toBe(0);
    }
  });
});
