/**
 * A distinctive password goes through every path that handles one — set-secret, a good check,
 * a wrong password, a failing passwordCommand, invalid requests that carry it, the CLI — with
 * the OS keyring as the store (so no file may legitimately hold it). Then everything the host
 * produced is searched for it: replies, stderr, every file under its config folder, and the
 * POP3 transcripts. Any hit fails the test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage, startDovecot, type DovecotServer } from '../../scripts/lib/dovecot';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { HostProcess, ensureHostBundle } from './host-process';
import { type KeyringSession, startKeyringSession } from './keyring-session';

const PASSWORD = 'Leak-Canary-93xQ7-Zebra';
const WRONG = 'Leak-Canary-Wrong-61Kp';
/** Encoded forms a careless log line could carry instead of the plain text. */
const FORMS = [
  PASSWORD,
  WRONG,
  Buffer.from(`\0alice\0${PASSWORD}`).toString('base64'),
  Buffer.from(PASSWORD).toString('base64'),
];

let dir: string;
let dovecot: DovecotServer;
let session: KeyringSession;
const produced: { where: string; text: string }[] = [];

function collectFiles(root: string): void {
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) collectFiles(path);
    else produced.push({ where: path, text: readFileSync(path, 'latin1') });
  }
}

beforeAll(async () => {
  ensureHostBundle();
  dir = mkdtempSync(join(tmpdir(), 'popbiff-leak-'));
  session = await startKeyringSession();
  dovecot = await startDovecot({
    dir: join(dir, 'dovecot'),
    users: [{ user: 'alice', password: PASSWORD }],
    authMechanisms: ['plain', 'login'],
  });
  await dovecot.deliver('alice', makeMessage({ from: 'A <a@example.org>', subject: 'Hello', body: 'Hi' }));
}, 60_000);

afterAll(async () => {
  await dovecot?.stop();
  session?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('no secret leaks out of the host', () => {
  it('keeps the password out of replies, stderr, files and transcripts on every path', async () => {
    const configDir = join(dir, 'config');
    const env = { ...session.env, POPBIFF_CONFIG_DIR: configDir, POPBIFF_LOG_STDERR: '1' };
    const host = new HostProcess([`chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`], env);
    const server = dovecot.serverSettings('alice');
    const check = (id: string, accountId: string, extra: object = {}) =>
      host.request(id, 'check', { accountId, server: { ...server, ...extra }, watch: [], limit: 5 });

    const replies = [
      await host.request('hello', 'hello', {}),
      await host.request('s1', 'set-secret', { accountId: 'good', secret: PASSWORD }),
      await check('c1', 'good'),
      await check('c2', 'good', { auth: 'plain' }),
      await host.request('s2', 'set-secret', { accountId: 'bad', secret: WRONG }),
      await check('c3', 'bad'),
      await check('c4', 'none', {
        passwordCommand: [process.execPath, '-e', `console.log(${JSON.stringify(PASSWORD)}); process.exit(1)`],
      }),
      await check('c5', 'none', {
        passwordCommand: [process.execPath, '-e', `console.log(${JSON.stringify(PASSWORD)})`],
        port: 1,
      }),
      await host.request('b1', 'set-secret', { accountId: 'x', secret: PASSWORD.repeat(300) }),
      await host.request('b2', 'set-secret', { accountId: `bad id ${PASSWORD}`, secret: PASSWORD }),
      await host.request('b3', 'check', {
        accountId: 'good',
        server: { ...server, username: `alice\n${PASSWORD}` },
        watch: [],
        limit: 5,
      }),
    ];
    await host.close();
    // The paths really ran: a good check, a refused password, a failed command, refused requests.
    expect(replies.map((reply) => reply.ok ?? reply.error?.code)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(replies.map((reply) => reply.error?.code ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'AUTH_FAILED',
      'NO_PASSWORD',
      'CONNECT_FAILED',
      'BAD_REQUEST',
      'BAD_REQUEST',
      'BAD_REQUEST',
    ]);

    produced.push(
      { where: 'native replies', text: JSON.stringify(replies) },
      { where: 'host stderr', text: host.stderr },
    );
    collectFiles(configDir);
    expect(produced.some(({ where }) => where.endsWith('host.log'))).toBe(true);

    const transcript: string[] = [];
    await checkMailbox({
      server: { ...server, security: 'tls', auth: 'plain' },
      password: PASSWORD,
      watch: [],
      limit: 1,
      onTranscript: (line) => transcript.push(line),
    });
    await checkMailbox({
      server: { ...server, security: 'tls', auth: 'user' },
      password: PASSWORD,
      watch: [],
      limit: 1,
      onTranscript: (line) => transcript.push(line),
    });
    await checkMailbox({
      server: { ...server, security: 'tls' },
      password: WRONG,
      watch: [],
      limit: 1,
      onTranscript: (line) => transcript.push(line),
    }).catch(() => undefined);
    expect(transcript.some((line) => /PASS|AUTH/.test(line))).toBe(true);
    produced.push({ where: 'POP3 transcripts', text: transcript.join('\n') });

    const cli = spawnSync(
      process.execPath,
      [ensureHostBundle(), 'check', `pop3s://alice@127.0.0.1:${dovecot.pop3sPort}`, '--ca', dovecot.caFile],
      {
        env: { ...env, POPBIFF_PASSWORD: WRONG },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(cli.status).toBe(1);
    produced.push({ where: 'CLI output', text: `${cli.stdout}${cli.stderr}` });

    const hits = produced.flatMap(({ where, text }) => FORMS.filter((form) => text.includes(form)).map(() => where));
    expect(hits).toEqual([]);
  }, 60_000);
});
