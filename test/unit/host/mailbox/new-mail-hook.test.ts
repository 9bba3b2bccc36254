import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tryFileLock } from '../../../../src/host/file-lock';
import { NewMailHooks } from '../../../../src/host/mailbox/new-mail-hook';
import { eventually } from '../../../helpers/eventually';
import type { CheckResult, MessageSummary } from '../../../../src/shared/mail';

/** The on-new-mail command with real child processes (Node itself as the user's program). */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-hook-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const message = (uid: string, subject: string): MessageSummary => ({
  uid,
  number: 1,
  size: 10,
  from: { name: `Ann\u202e ${uid}`, address: 'ann@example.org' },
  subject,
  date: '',
  messageId: '',
});
const result = (overrides: Partial<CheckResult> = {}): CheckResult => ({
  count: 3,
  size: 30,
  newCount: 2,
  newMessages: [message('u2', 'Second \u001b[31mred'), message('u1', 'First')],
  gone: [],
  baseline: false,
  stateToken: 't',
  capabilities: [],
  checkedAt: 0,
  ...overrides,
});

/** Records what the program received: its stdin, argv and POPBIFF_NEW_COUNT. */
const RECORDER = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>require('fs').writeFileSync(process.argv[1],JSON.stringify({input:JSON.parse(s),argv:process.argv.slice(2),count:process.env.POPBIFF_NEW_COUNT})))`;
/** A stand-in for the shared sanitiser (issue 10 item 6) that shows where it was applied. */
const clean = (text: string) =>
  `[${[...text].filter((char) => (char.codePointAt(0) ?? 0) >= 0x20 && char !== '\u202e').join('')}]`;
const quiet = { info: () => undefined, error: () => undefined };

/** A host's hooks; hosts made with one `lockDir` claim runs through the same lock files, as real hosts do. */
function hooks(argv: readonly string[] | undefined, timeoutMs?: number, lockDir = dir) {
  const asked: string[] = [];
  const runner = new NewMailHooks({
    argvFor: async (accountId) => {
      asked.push(accountId);
      return argv;
    },
    claim: (accountId) => tryFileLock(join(lockDir, `on-new-mail-${accountId}`)),
    clean,
    log: quiet,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { runner, asked };
}

describe('the on-new-mail command', () => {
  it('gets the account, count, senders and subjects as JSON on stdin (through the sanitiser) and the count in its environment, argv untouched by any shell', async () => {
    const out = join(dir, 'out.json');
    const { runner } = hooks([process.execPath, '-e', RECORDER, out, '$(touch pwned); echo hi']);
    expect(await runner.onCheck('work', 'ann', result())).toBe('ran');
    const seen = JSON.parse(readFileSync(out, 'utf8'));
    expect(seen.count).toBe('2');
    expect(seen.argv).toEqual(['$(touch pwned); echo hi']);
    expect(seen.input).toEqual({
      accountId: 'work',
      username: '[ann]',
      count: 2,
      messages: [
        { from: { name: '[Ann u2]', address: '[ann@example.org]' }, subject: '[Second [31mred]' },
        { from: { name: '[Ann u1]', address: '[ann@example.org]' }, subject: '[First]' },
      ],
    });
  });

  it('runs nothing for a first check, for no new mail, or without a command', async () => {
    const { runner, asked } = hooks([process.execPath, '-e', '']);
    expect(await runner.onCheck('a', 'u', result({ baseline: true }))).toBe('none');
    expect(await runner.onCheck('a', 'u', result({ newCount: 0, newMessages: [] }))).toBe('none');
    expect(asked).toEqual([]);
    expect(await hooks(undefined).runner.onCheck('a', 'u', result())).toBe('none');
  });

  it('kills a command that outlives its time limit', async () => {
    const { runner } = hooks([process.execPath, '-e', 'setTimeout(() => {}, 60000)'], 500);
    expect(await runner.onCheck('a', 'u', result())).toBe('timed-out');
  });

  it('runs at most once per account at a time; other accounts are not held up', async () => {
    const { runner } = hooks([process.execPath, '-e', 'setTimeout(() => {}, 1500)']);
    const first = runner.onCheck('a', 'u', result());
    await new Promise((resolve) => setImmediate(resolve));
    expect(await runner.onCheck('a', 'u', result())).toBe('busy');
    const other = runner.onCheck('b', 'u', result());
    expect(await first).toBe('ran');
    expect(await other).toBe('ran');
    await runner.settled();
  });

  it('runs at most once per account across hosts: a second host finds it running, and runs it once it has ended', async () => {
    const program = [process.execPath, '-e', 'setTimeout(() => {}, 1500)'];
    const [chrome, firefox] = [hooks(program).runner, hooks(program).runner];
    const first = chrome.onCheck('a', 'u', result());
    // Until the first host has looked its command up and claimed the run, the other may still claim it.
    await eventually(async () => existsSync(join(dir, 'on-new-mail-a.lock')), Boolean, 'the first host’s claim');
    expect(await firefox.onCheck('a', 'u', result())).toBe('busy');
    expect(await first).toBe('ran');
    expect(await firefox.onCheck('a', 'u', result())).toBe('ran');
  });

  it('counts a run from the moment it is asked for: a second check during the command lookup is busy, and settled() waits for it', async () => {
    const out = join(dir, 'out.json');
    const { runner, asked } = hooks([process.execPath, '-e', RECORDER, out]);
    const first = runner.onCheck('a', 'u', result());
    expect(await runner.onCheck('a', 'u', result())).toBe('busy');
    await runner.settled();
    expect(asked).toEqual(['a']);
    expect(JSON.parse(readFileSync(out, 'utf8')).count).toBe('2');
    expect(await first).toBe('ran');
  });

  it('reports a program that cannot start or fails, without throwing', async () => {
    expect(await hooks([join(dir, 'no-such-program')]).runner.onCheck('a', 'u', result())).toBe('failed');
    expect(await hooks([process.execPath, '-e', 'process.exit(3)']).runner.onCheck('a', 'u', result())).toBe('failed');
  });
});
