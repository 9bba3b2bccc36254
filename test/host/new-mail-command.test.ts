/**
 * Issue 12, the on-new-mail command, through the built host as a browser drives it: one host
 * process per batch, its stdin closed right after the last reply. The command is set only with
 * `set-command` (purpose onNewMail); a check that finds new mail runs it once, with the new
 * messages as JSON on stdin (sanitised) and the count in POPBIFF_NEW_COUNT; a check without new
 * mail runs nothing, and an argv inside a `check` request is never run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUESTS } from '../../src/shared/protocol';
import { cleanLine } from '../../src/shared/sanitize';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { type FakeMessage, maildrop } from '../helpers/fake-maildrop';
import { FAKE_PASSWORD, type FakeServer, startFakeServer } from '../helpers/fake-pop3-server';
import { HostProcess, type Reply, ensureHostBundle } from './host-process';

const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`;
/** Terminal escapes (clear screen, retitle the window, bell) that must not reach the command. */
const RAW_SUBJECT = 'Invoice \u001b[2J\u001b]0;pwned\u0007 due \u202eeulav';

/** The user's program: appends one line per run with what it read on stdin and its count. */
const RECORDER = `let s = '';
process.stdin.setEncoding('utf8').on('data', (d) => (s += d)).on('end', () =>
  require('fs').appendFileSync(process.argv[2], JSON.stringify({ stdin: s, count: process.env.POPBIFF_NEW_COUNT }) + '\\n'));
`;

let dir: string;
let pop: FakeServer;
const mail: FakeMessage[] = [];
/** The state token of the last check, as the extension keeps it. */
let token: unknown;

beforeAll(async () => {
  ensureHostBundle();
  dir = mkdtempSync(join(tmpdir(), 'popbiff-new-mail-'));
  writeFileSync(join(dir, 'recorder.cjs'), RECORDER);
  pop = await startFakeServer(maildrop({ messages: mail }));
}, 120_000);
afterAll(async () => {
  await pop?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const server = () => ({
  host: '127.0.0.1',
  port: pop.port,
  security: 'plain',
  allowPlaintext: true,
  username: 'alice',
});
const check = (extra: object = {}) => ({ accountId: 'work', server: server(), watch: [], limit: 5, ...extra });

/** One browser batch: a fresh host, the requests in turn, stdin closed after the last reply. */
async function batch(requests: [type: string, payload: unknown][]): Promise<Reply[]> {
  const env = { ...process.env, POPBIFF_CONFIG_DIR: join(dir, 'config'), POPBIFF_SECRET_STORE: 'file' };
  const host = new HostProcess([ORIGIN], env);
  const replies: Reply[] = [];
  for (const [index, [type, payload]] of requests.entries())
    replies.push(await host.request(`r${index}`, type, payload));
  expect(await host.close(40_000)).toBe(0);
  return replies;
}

const runs = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { stdin: string; count: string })
    : [];

describe('the on-new-mail command in the host', () => {
  const out = () => join(dir, 'runs.jsonl');
  const smuggled = () => join(dir, 'smuggled');

  it('runs the command set with set-command once when a check finds new mail, with the sanitised JSON on stdin, before the host exits', async () => {
    const setUp = await batch([
      ['set-secret', { accountId: 'work', server: server(), secret: FAKE_PASSWORD }],
      [
        'set-command',
        { accountId: 'work', purpose: 'onNewMail', argv: [process.execPath, join(dir, 'recorder.cjs'), out()] },
      ],
      ['check', check({ firstCheck: 'baseline' })],
    ]);
    expect(setUp.map((reply) => reply.ok)).toEqual([true, true, true]);
    expect(runs(out())).toEqual([]);

    mail.push({ uid: 'u1', subject: RAW_SUBJECT });
    const [found] = await batch([['check', check({ stateToken: setUp[2]?.result?.stateToken })]]);
    expect(found?.result).toMatchObject({ newCount: 1 });
    // The host exited only after the command had read its input and ended.
    const [run] = runs(out());
    expect(runs(out())).toHaveLength(1);
    expect(run?.count).toBe('1');
    const input = JSON.parse(run?.stdin ?? '');
    expect(input).toEqual({
      accountId: 'work',
      username: 'alice',
      count: 1,
      messages: [{ from: { name: 'Sender', address: 's@example.org' }, subject: cleanLine(RAW_SUBJECT) }],
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may arrive
    expect(input.messages[0].subject).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(input.messages[0].subject).toBe('Invoice [2J ]0;pwned due eulav');

    const [again] = await batch([['check', check({ stateToken: found?.result?.stateToken })]]);
    expect(again?.result).toMatchObject({ newCount: 0 });
    expect(runs(out())).toHaveLength(1);
    token = again?.result?.stateToken;
  }, 60_000);

  it('never runs an argv that a check request carries', async () => {
    const foreign = [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(smuggled())}, 'ran')`];
    const raw = check({
      stateToken: token,
      argv: foreign,
      onNewMail: foreign,
      command: foreign,
      server: { ...server(), onNewMail: foreign },
    });
    // The contract has no place for one: the payload that reaches the handler carries none.
    // (Its script, not '-e': a random state token contains "-e" now and then.)
    expect(JSON.stringify(REQUESTS.check.payload.parse(raw))).not.toContain('writeFileSync');
    mail.push({ uid: 'u2', subject: 'Second' });
    const [reply] = await batch([['check', raw]]);
    expect(reply?.result).toMatchObject({ newCount: 1 });
    token = reply?.result?.stateToken;
    expect(existsSync(smuggled())).toBe(false);
    // What ran is the command the host keeps, and only it.
    expect(runs(out()).map((run) => run.count)).toEqual(['1', '1']);
    expect(JSON.parse(runs(out())[1]?.stdin ?? '').messages).toEqual([
      { from: { name: 'Sender', address: 's@example.org' }, subject: 'Second' },
    ]);
  }, 60_000);

  it('exits only after a slower command has had its input and ended, when the browser closes stdin right after the reply', async () => {
    const slow = join(dir, 'slow.jsonl');
    const program = `let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => setTimeout(() => require('fs').writeFileSync(process.argv[1], s), 1500))`;
    const [set] = await batch([
      ['set-command', { accountId: 'work', purpose: 'onNewMail', argv: [process.execPath, '-e', program, slow] }],
    ]);
    expect(set?.ok).toBe(true);
    mail.push({ uid: 'u3', subject: 'Third' });
    const started = Date.now();
    const [reply] = await batch([['check', check({ stateToken: token })]]);
    expect(reply?.result).toMatchObject({ newCount: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(JSON.parse(readFileSync(slow, 'utf8'))).toMatchObject({ accountId: 'work', count: 1 });
  }, 60_000);
});
