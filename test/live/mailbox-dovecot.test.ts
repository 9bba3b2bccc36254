/**
 * Delete, preview, test-account and the CLI's --state/--transcript against a real Dovecot on
 * 127.0.0.1. Deletions are checked in the Maildir itself, not through POP3.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DovecotServer, makeMessage, startDovecot } from '../../scripts/lib/dovecot';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { checkCommand } from '../../src/host/cli/check-command';
import { deleteMessages } from '../../src/host/mailbox/delete-messages';
import { previewMessage } from '../../src/host/mailbox/preview';
import { testAccount } from '../../src/host/mailbox/test-account';

/** Distinctive, so a leak anywhere in a transcript is unmistakable. */
const PASSWORD = 'Zebra-Quokka-9731!';
const DEADLINES = { connect: 5000, tls: 5000, command: 5000, check: 15000 };
const USERS = ['bob', 'carol', 'dave'];

let dir: string;
let dovecot: DovecotServer;

async function maildirContents(user: string): Promise<string[]> {
  const root = dovecot.maildir(user);
  const files = [
    ...(await readdir(join(root, 'new'))).map((f) => join(root, 'new', f)),
    ...(await readdir(join(root, 'cur'))).map((f) => join(root, 'cur', f)),
  ];
  return Promise.all(files.map((f) => readFile(f, 'utf8')));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'popbiff-mailbox-'));
  dovecot = await startDovecot({ dir, users: USERS.map((user) => ({ user, password: PASSWORD })) });
});

afterAll(async () => {
  await dovecot?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('delete-messages against Dovecot', () => {
  it('deletes the middle one of three by UID; the other two stay in the Maildir', async () => {
    for (const n of [1, 2, 3])
      await dovecot.deliver(
        'bob',
        makeMessage({ from: 'a@example.org', subject: `S${n}`, messageId: `<del-${n}@popbiff.test>` }),
      );
    const { known } = await checkMailbox({
      server: dovecot.serverSettings('bob'),
      password: PASSWORD,
      watch: [],
      limit: 0,
      deadlines: DEADLINES,
    });
    const middle = known.uids[1] as string;
    const result = await deleteMessages({
      server: dovecot.serverSettings('bob', 'starttls'),
      password: PASSWORD,
      uids: [middle, 'no-such-uid'],
      deadlines: DEADLINES,
    });
    expect(result).toEqual({ deleted: [middle], missing: ['no-such-uid'], ambiguous: [] });
    const left = await maildirContents('bob');
    expect(left).toHaveLength(2);
    expect(left.some((m) => m.includes('<del-2@popbiff.test>'))).toBe(false);
    expect(left.filter((m) => /<del-[13]@popbiff\.test>/.test(m))).toHaveLength(2);
  });
});

describe('preview against Dovecot', () => {
  it('returns the first lines of a message as plain text, decoded, and reports a gone UID as not found', async () => {
    const html = [
      'From: Ada <ada@example.org>',
      'Subject: html',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<p>Gr=FC=DFe <img src=3D"https://tracker.example/x.gif">aus K=F6ln</p>',
      ...Array.from({ length: 30 }, (_, i) => `<p>line ${i}</p>`),
      '',
    ].join('\r\n');
    await dovecot.deliver('carol', html);
    const { known } = await checkMailbox({
      server: dovecot.serverSettings('carol'),
      password: PASSWORD,
      watch: [],
      limit: 0,
      deadlines: DEADLINES,
    });
    const uid = known.uids[0] as string;
    const preview = await previewMessage({
      server: dovecot.serverSettings('carol'),
      password: PASSWORD,
      uid,
      lines: 5,
      deadlines: DEADLINES,
    });
    expect(preview.found).toBe(true);
    expect(preview.text).toContain('Grüße aus Köln');
    expect(preview.text).toContain('line 3');
    expect(preview.text).not.toContain('line 10');
    expect(preview.text).not.toMatch(/tracker|<p>/);
    expect(preview.truncated).toBe(true);
    const gone = await previewMessage({
      server: dovecot.serverSettings('carol'),
      password: PASSWORD,
      uid: 'gone',
      lines: 5,
      deadlines: DEADLINES,
    });
    expect(gone).toEqual({ uid: 'gone', found: false, text: '', truncated: false });
    expect(await maildirContents('carol')).toHaveLength(1);
  });
});

describe('test-account against Dovecot', () => {
  it('reports TLS, capabilities, method and timings with the password masked, over STARTTLS', async () => {
    const result = await testAccount({
      server: dovecot.serverSettings('carol', 'starttls'),
      password: PASSWORD,
      deadlines: DEADLINES,
    });
    expect(result.ok).toBe(true);
    expect(result.report.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.report.tls?.certificate?.sha256).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
    expect(result.report).toMatchObject({ authMethod: 'plain', uidl: true, top: true, pipelining: true, count: 1 });
    expect(result.report.timings.map((t) => t.phase)).toContain('stls');
    expect(result.transcript.join('\n')).toContain('C: AUTH PLAIN ****');
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(JSON.stringify(result)).not.toContain(Buffer.from(`\0carol\0${PASSWORD}`).toString('base64'));
  });

  it('answers a wrong password with ok: false and AUTH_FAILED, not an error', async () => {
    const result = await testAccount({
      server: dovecot.serverSettings('carol'),
      password: 'Wrong-Walrus-1',
      deadlines: DEADLINES,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' }, report: { authMethod: 'plain' } });
    expect(result.transcript.join('\n')).not.toContain('Wrong-Walrus-1');
  });
});

describe('popbiff check --state and --transcript', () => {
  let out: string[];
  beforeAll(() => vi.stubEnv('POPBIFF_PASSWORD', PASSWORD));
  afterAll(() => vi.unstubAllEnvs());
  afterEach(() => vi.restoreAllMocks());

  async function cli(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const code = await checkCommand(args);
    vi.restoreAllMocks();
    return { code, json: JSON.parse(out.join('')) as Record<string, unknown> };
  }

  it('lists only what is new on the second run with the same state file', async () => {
    const state = join(dir, 'dave-state.json');
    const url = `pop3s://dave@127.0.0.1:${dovecot.pop3sPort}`;
    await dovecot.deliver('dave', makeMessage({ from: 'a@example.org', subject: 'First' }));
    const first = await cli([url, '--ca', dovecot.caFile, '--state', state, '--json']);
    expect(first.code).toBe(0);
    expect((first.json.messages as { subject: string }[]).map((m) => m.subject)).toEqual(['First']);
    const second = await cli([url, '--ca', dovecot.caFile, '--state', state, '--json']);
    expect(second.json).toMatchObject({ newCount: 0, messages: [] });
    await dovecot.deliver('dave', makeMessage({ from: 'a@example.org', subject: 'Second' }));
    const third = await cli([url, '--ca', dovecot.caFile, '--state', state, '--json']);
    expect((third.json.messages as { subject: string }[]).map((m) => m.subject)).toEqual(['Second']);
    expect(JSON.parse(await readFile(state, 'utf8'))).toMatchObject({ uids: expect.any(Array) });
  });

  it('prints the masked session and the capability report', async () => {
    const url = `pop3://dave@127.0.0.1:${dovecot.pop3Port}`;
    const { code, json } = await cli([url, '--ca', dovecot.caFile, '--transcript', '--json']);
    expect(code).toBe(0);
    expect(json.transcript).toContain('C: AUTH PLAIN ****');
    expect(json.report).toMatchObject({ authMethod: 'plain', tls: { protocol: expect.stringMatching(/^TLS/) } });
    expect(out.join('')).not.toContain(PASSWORD);
  });
});
