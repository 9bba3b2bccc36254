import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { mailClientCandidates, openMailClient, type Spawner } from '../../../src/host/mail-client';
import { createHandlers } from '../../../src/host/native/handlers';
import { Account } from '../../../src/shared/account';
import { PopbiffError } from '../../../src/shared/errors';
import { REQUESTS } from '../../../src/shared/protocol';

/** A spawner that records each call; programs named in `missing` fail with that errno code. */
function fakeSpawner(missing: Record<string, string> = {}) {
  const calls: { file: string; args: readonly string[]; options: Parameters<Spawner>[2] }[] = [];
  const unrefed: string[] = [];
  const spawner: Spawner = (file, args, options) => {
    calls.push({ file, args, options });
    const child = Object.assign(new EventEmitter(), { unref: () => void unrefed.push(file) });
    const code = missing[file];
    queueMicrotask(() => {
      if (code === undefined) child.emit('spawn');
      else child.emit('error', Object.assign(new Error(`spawn ${file} ${code}`), { code }));
    });
    return child;
  };
  return { spawner, calls, unrefed };
}

describe('mailClientCandidates', () => {
  it('uses the account command alone when there is one', () => {
    expect(mailClientCandidates('linux', ['thunderbird', '-mail'])).toEqual([['thunderbird', '-mail']]);
  });

  it("knows each platform's default mail client", () => {
    expect(mailClientCandidates('linux')).toEqual([['xdg-email'], ['xdg-open', 'mailto:']]);
    expect(mailClientCandidates('darwin')).toEqual([
      ['open', '-a', 'Mail'],
      ['open', 'mailto:'],
    ]);
    expect(mailClientCandidates('win32')).toEqual([['cmd', '/c', 'start', '', 'mailto:']]);
    expect(mailClientCandidates('freebsd')).toEqual(mailClientCandidates('linux'));
  });
});

describe('openMailClient', () => {
  it('starts the program detached, without a shell, with stdio ignored, and lets it go', async () => {
    const { spawner, calls, unrefed } = fakeSpawner();
    await openMailClient('linux', ['evolution', '--component=mail'], spawner);
    expect(calls).toEqual([
      {
        file: 'evolution',
        args: ['--component=mail'],
        options: { detached: true, stdio: 'ignore', shell: false, windowsHide: true },
      },
    ]);
    expect(unrefed).toEqual(['evolution']);
  });

  it('falls back to xdg-open mailto: when xdg-email is not installed', async () => {
    const { spawner, calls } = fakeSpawner({ 'xdg-email': 'ENOENT' });
    await openMailClient('linux', undefined, spawner);
    expect(calls.map((c) => [c.file, ...c.args])).toEqual([['xdg-email'], ['xdg-open', 'mailto:']]);
  });

  it('reports a missing default client as CLIENT_FAILED', async () => {
    const { spawner } = fakeSpawner({ open: 'ENOENT' });
    const failure = openMailClient('darwin', undefined, spawner);
    await expect(failure).rejects.toBeInstanceOf(PopbiffError);
    await expect(failure).rejects.toMatchObject({
      code: 'CLIENT_FAILED',
      message: 'Could not start the mail client "open": the program was not found.',
    });
  });

  it("never tries another program when the account's own command fails, and never names its arguments", async () => {
    const { spawner, calls } = fakeSpawner({ '/opt/mail/bin/client': 'EACCES' });
    const failure = openMailClient('linux', ['/opt/mail/bin/client', '--token=s3cret'], spawner);
    await expect(failure).rejects.toMatchObject({ code: 'CLIENT_FAILED' });
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toContain('"client"');
    expect(message).toContain('permission denied');
    expect(message).not.toContain('s3cret');
    expect(calls).toHaveLength(1);
  });

  it('stops at a default that exists but fails for another reason', async () => {
    const { spawner, calls } = fakeSpawner({ 'xdg-email': 'EACCES' });
    await expect(openMailClient('linux', undefined, spawner)).rejects.toMatchObject({ code: 'CLIENT_FAILED' });
    expect(calls).toHaveLength(1);
  });
});

describe('the open-mail-client request', () => {
  const unused = () => Promise.reject(new Error('not called'));
  const handlersWith = (spawner: Spawner, platform = 'linux') =>
    createHandlers({
      secrets: { kind: 'none', get: unused, set: unused, delete: unused },
      state: { load: unused, save: unused, delete: unused },
      mailbox: { checkMailbox: unused },
      log: { addSecret: () => undefined },
      platform,
      spawn: spawner,
    });

  it("starts the account's command and answers done", async () => {
    const { spawner, calls } = fakeSpawner();
    expect(await handlersWith(spawner)['open-mail-client']({ command: ['thunderbird'] })).toEqual({ done: true });
    expect(calls.map((c) => c.file)).toEqual(['thunderbird']);
  });

  it("starts the host platform's default client when no command is given", async () => {
    const { spawner, calls } = fakeSpawner();
    await handlersWith(spawner, 'win32')['open-mail-client']({});
    expect(calls.map((c) => [c.file, ...c.args])).toEqual([['cmd', '/c', 'start', '', 'mailto:']]);
  });

  it('accepts at most 32 non-empty arguments', () => {
    const payload = REQUESTS['open-mail-client'].payload;
    expect(payload.safeParse({ command: Array.from({ length: 32 }, () => 'a') }).success).toBe(true);
    expect(payload.safeParse({ command: Array.from({ length: 33 }, () => 'a') }).success).toBe(false);
    expect(payload.safeParse({ command: [] }).success).toBe(false);
    expect(payload.safeParse({ command: ['mutt', ''] }).success).toBe(false);
    expect(payload.safeParse({ command: 'mutt; rm -rf ~' }).success).toBe(false);
    expect(payload.safeParse({}).success).toBe(true);
  });
});

describe('the account setting', () => {
  const base = {
    id: 'work',
    name: 'Work',
    server: { host: 'mail.example.org', port: 995, security: 'tls', allowPlaintext: false, username: 'u' },
    webmailUrl: '',
    intervalMinutes: 5,
    enabled: true,
  };

  it('is optional, may name a command, and keeps the same limits as the request', () => {
    expect(Account.safeParse(base).success).toBe(true);
    expect(Account.safeParse({ ...base, desktopClient: {} }).success).toBe(true);
    expect(Account.safeParse({ ...base, desktopClient: { command: ['claws-mail'] } }).success).toBe(true);
    expect(
      Account.safeParse({ ...base, desktopClient: { command: Array.from({ length: 33 }, () => 'a') } }).success,
    ).toBe(false);
    expect(Account.safeParse({ ...base, desktopClient: { command: 'claws-mail --compose' } }).success).toBe(false);
  });
});
