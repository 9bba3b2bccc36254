/**
 * Issue 10, item 4: the host runs only the programs it keeps for an account (set with
 * set-command from the options page), never an argv that arrives in a check, preview or
 * open-mail-client request. Real processes: a command that ran leaves a marker file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandStore } from '../../src/host/commands/command-store';
import { createHandlers } from '../../src/host/native/handlers';
import { recordingCheck } from '../helpers/recording-check';
import { REQUESTS } from '../../src/shared/protocol';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-commands-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const server = { host: '127.0.0.1', port: 995, security: 'tls', allowPlaintext: false, username: 'ada' } as const;

/** A program that leaves `marker` behind and prints a password. */
const marking = (marker: string) => [
  process.execPath,
  '-e',
  `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); console.log('from-command')`,
];

function setup() {
  const commands = new CommandStore(dir);
  const { checks, checkMailbox } = recordingCheck();
  const spawned: string[][] = [];
  const handlers = createHandlers({
    // `set`: the legacy secret is bound to its server on first use (binding.ts).
    secrets: {
      kind: 'memory',
      get: async () => 'stored-password',
      set: async () => undefined,
      delete: async () => undefined,
    },
    commands,
    state: { load: async () => undefined, save: async () => 'token', delete: async () => undefined },
    mailbox: { checkMailbox },
    log: { addSecret: () => undefined },
    platform: 'linux',
    spawn: (file, args) => {
      spawned.push([file, ...args]);
      return { once: (_event, listener) => queueMicrotask(listener), on: () => undefined, unref: () => undefined };
    },
  });
  return { commands, checks, spawned, handlers };
}

describe('commands on the extension’s word', () => {
  it('a check never runs a passwordCommand named in its request', async () => {
    const { handlers, checks } = setup();
    const marker = join(dir, 'ran');
    const payload = REQUESTS.check.payload.parse({
      accountId: 'work',
      server: { ...server, passwordCommand: marking(marker) },
      watch: [],
      limit: 5,
    });
    await handlers.check(payload);
    expect(existsSync(marker)).toBe(false);
    expect(checks.map((c) => c.password)).toEqual(['stored-password']);
  });

  it('a check runs the password command the host keeps for that account only', async () => {
    const { handlers, checks, commands } = setup();
    const marker = join(dir, 'ran');
    await handlers['set-command']({ accountId: 'work', purpose: 'passwordCommand', argv: marking(marker) });
    await handlers.check({ accountId: 'other', server, watch: [], limit: 5 });
    expect(existsSync(marker)).toBe(false);
    await handlers.check({ accountId: 'work', server, watch: [], limit: 5 });
    expect(readFileSync(marker, 'utf8')).toBe('ran');
    expect(checks.map((c) => c.password)).toEqual(['stored-password', 'from-command']);
    expect(await commands.get('work', 'passwordCommand')).toEqual(marking(marker));
  });

  it('open-mail-client ignores an argv in its request and starts only the kept one', async () => {
    const { handlers, spawned } = setup();
    const raw = { accountId: 'work', command: ['sh', '-c', 'touch /tmp/owned'] };
    await handlers['open-mail-client'](REQUESTS['open-mail-client'].payload.parse(raw));
    expect(spawned).toEqual([['xdg-email']]);
    await handlers['set-command']({ accountId: 'work', purpose: 'mailClient', argv: ['thunderbird', '-mail'] });
    await handlers['open-mail-client']({ accountId: 'work' });
    expect(spawned.at(-1)).toEqual(['thunderbird', '-mail']);
  });

  it('forget-account forgets its commands; removing one leaves the others', async () => {
    const { handlers, commands } = setup();
    await handlers['set-command']({ accountId: 'work', purpose: 'mailClient', argv: ['mutt'] });
    await handlers['set-command']({ accountId: 'work', purpose: 'passwordCommand', argv: ['pass', 'show', 'w'] });
    await handlers['set-command']({ accountId: 'home', purpose: 'mailClient', argv: ['evolution'] });
    await handlers['set-command']({ accountId: 'work', purpose: 'mailClient' });
    expect(await commands.get('work', 'mailClient')).toBeUndefined();
    expect(await commands.get('work', 'passwordCommand')).toEqual(['pass', 'show', 'w']);
    await handlers['forget-account']({ accountId: 'work' });
    expect(await commands.get('work', 'passwordCommand')).toBeUndefined();
    expect(await commands.get('home', 'mailClient')).toEqual(['evolution']);
  });
});

describe('the command store', () => {
  it('keeps its file readable by the user only', async () => {
    await new CommandStore(dir).set('work', 'mailClient', ['mutt']);
    expect(statSync(join(dir, 'commands.json')).mode & 0o777).toBe(0o600);
  });

  it('runs nothing from a damaged or tampered file, and says so', async () => {
    const store = new CommandStore(dir);
    writeFileSync(
      join(dir, 'commands.json'),
      JSON.stringify({ version: 1, commands: { work: { mailClient: 'sh -c x' } } }),
    );
    await expect(store.get('work', 'mailClient')).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    writeFileSync(join(dir, 'commands.json'), '{not json');
    await expect(store.get('work', 'mailClient')).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await store.set('work', 'mailClient', ['mutt']);
    expect(await store.get('work', 'mailClient')).toEqual(['mutt']);
  });

  it('knows nothing of keys like __proto__', async () => {
    const store = new CommandStore(dir);
    expect(await store.get('__proto__', 'mailClient')).toBeUndefined();
    expect(await store.get('work', 'mailClient')).toBeUndefined();
  });
});
