/**
 * Issue 10, item 1: a stored password goes only to the host, port and user name it was given
 * for. Settings that name another server (an imported file that reuses an account id, a script in
 * an extension page) get SECRET_OTHER_SERVER, and no connection is made with the password.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/host/native/handlers';
import { decodeBound } from '../../src/host/secrets/binding';
import { FileSecretStore } from '../../src/host/secrets/file-secret-store';
import { MemoryCommands } from '../helpers/memory-commands';
import { recordingCheck } from '../helpers/recording-check';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-binding-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HOME = { host: 'pop.example.org', port: 995, security: 'tls', allowPlaintext: false, username: 'ada' } as const;

function setup() {
  const secrets = new FileSecretStore(dir);
  const { checks: sent, checkMailbox } = recordingCheck();
  const handlers = createHandlers({
    secrets,
    commands: new MemoryCommands(),
    state: { load: async () => undefined, save: async () => 'token', delete: async () => undefined },
    mailbox: { checkMailbox },
    log: { addSecret: () => undefined },
    platform: 'linux',
  });
  const check = (server: object) =>
    handlers.check({ accountId: 'home', server: { ...HOME, ...server }, watch: [], limit: 5 });
  return { secrets, sent, handlers, check };
}

describe('a stored password is bound to its server', () => {
  it('is refused for another host, port or user name, and never sent', async () => {
    const { handlers, check, sent } = setup();
    await handlers['set-secret']({ accountId: 'home', server: HOME, secret: 'pw-for-home' });
    for (const other of [{ host: 'evil.example.net' }, { port: 1995 }, { username: 'mallory' }]) {
      await expect(check(other)).rejects.toMatchObject({ code: 'SECRET_OTHER_SERVER' });
    }
    await expect(
      handlers.preview({ accountId: 'home', server: { ...HOME, host: 'evil.example.net' }, uid: 'u', lines: 5 }),
    ).rejects.toMatchObject({
      code: 'SECRET_OTHER_SERVER',
    });
    expect(sent).toEqual([]);
  });

  it('is used for its own server, whatever the case of the host name', async () => {
    const { handlers, check, sent } = setup();
    await handlers['set-secret']({ accountId: 'home', server: HOME, secret: 'pw-for-home' });
    await check({ host: 'POP.Example.ORG' });
    expect(sent.map((r) => r.password)).toEqual(['pw-for-home']);
  });

  it('a password stored before binding existed belongs to the first server it is used with', async () => {
    const { secrets, check, sent } = setup();
    await secrets.set('home', 'legacy-pw');
    await check({});
    expect(decodeBound((await secrets.get('home')) ?? '')).toEqual({
      secret: 'legacy-pw',
      server: { host: HOME.host, port: HOME.port, username: HOME.username },
    });
    await expect(check({ host: 'evil.example.net' })).rejects.toMatchObject({ code: 'SECRET_OTHER_SERVER' });
    expect(sent.map((r) => r.password)).toEqual(['legacy-pw']);
  });

  it('a test of other settings without a typed password is refused, and the binding stays', async () => {
    const { handlers, secrets } = setup();
    await handlers['set-secret']({ accountId: 'home', server: HOME, secret: 'pw-for-home' });
    const result = await handlers['test-account']({ accountId: 'home', server: { ...HOME, host: 'evil.example.net' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'SECRET_OTHER_SERVER' } });
    expect(decodeBound((await secrets.get('home')) ?? '').server?.host).toBe('pop.example.org');
  });
});
