/**
 * Every sign-in method and security mode against a real Dovecot (with PLAIN, LOGIN, CRAM-MD5
 * and APOP enabled; its passdb keeps plaintext passwords, which CRAM-MD5 and APOP need), plus
 * what only a real server shows: remembered pipelining, the O(1) second check, concurrent
 * checks of one mailbox, and a pinned certificate.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotServer, makeMessage, startDovecot } from '../../scripts/lib/dovecot';
import type { CheckRequest } from '../../src/host/mailbox/check/check-request';
import { departed } from '../../src/host/pop3/departures';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import type { AuthMethod, Security } from '../../src/shared/server';
import { PopbiffError } from '../../src/shared/errors';

const PASSWORD = 'sesame-7 open';
const DEADLINES = { connect: 5000, tls: 5000, command: 8000, check: 20_000 };

let dir: string;
let dovecot: DovecotServer;

function request(
  security: Security,
  auth: AuthMethod | undefined,
  overrides: Partial<CheckRequest> = {},
): CheckRequest {
  return {
    server: { ...dovecot.serverSettings('alice', security), allowPlaintext: security === 'plain', auth },
    password: PASSWORD,
    watch: [],
    limit: 10,
    firstCheck: 'all-new',
    deadlines: DEADLINES,
    ...overrides,
  };
}

async function transcriptOf(req: CheckRequest): Promise<{ lines: string[]; count: number }> {
  const lines: string[] = [];
  const { result } = await checkMailbox({ ...req, onTranscript: (l) => lines.push(l) });
  // Down to QUIT's reply, which the check itself does not wait for.
  await departed(req.server);
  return { lines, count: result.count };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'popbiff-live-auth-'));
  dovecot = await startDovecot({
    dir,
    users: [{ user: 'alice', password: PASSWORD }],
    authMechanisms: ['plain', 'login', 'cram-md5', 'apop'],
  });
  for (const n of [1, 2])
    await dovecot.deliver('alice', makeMessage({ from: `S${n} <s${n}@example.org>`, subject: `Hello ${n}` }));
});

afterAll(async () => {
  await dovecot?.stop();
  await rm(dir, { recursive: true, force: true });
});

const FIRST_COMMAND: Record<Exclude<AuthMethod, 'auto' | 'xoauth2' | 'oauthbearer'>, string> = {
  user: 'C: USER alice',
  plain: 'C: AUTH PLAIN ****',
  login: 'C: AUTH LOGIN',
  'cram-md5': 'C: AUTH CRAM-MD5',
  apop: 'C: APOP alice ****',
};

describe('sign-in methods against Dovecot', () => {
  for (const security of ['plain', 'tls', 'starttls'] as const) {
    for (const method of Object.keys(FIRST_COMMAND) as (keyof typeof FIRST_COMMAND)[]) {
      it(`${method} over ${security}`, async () => {
        const { lines, count } = await transcriptOf(request(security, method));
        expect(count).toBe(2);
        expect(lines).toContain(FIRST_COMMAND[method]);
        expect(lines.join('\n')).not.toContain(PASSWORD);
        expect(lines.some((l) => /^C: (RETR|DELE)/.test(l))).toBe(false);
      });
    }
  }

  it('auto over clear text picks CRAM-MD5, which never sends the password', async () => {
    const { lines } = await transcriptOf(request('plain', 'auto'));
    expect(lines).toContain('C: AUTH CRAM-MD5');
  });

  it('a wrong password with CRAM-MD5 is AUTH_FAILED', async () => {
    const error = await checkMailbox(request('plain', 'cram-md5', { password: 'wrong' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PopbiffError);
    expect((error as PopbiffError).code).toBe('AUTH_FAILED');
  });
});

/**
 * What a second check of alice's two messages sends at once after TLS: the sign-in, STAT, the
 * remembered last UID, a peek at message 3 and the per-user CAPA.
 */
const SIGN_IN_PACKET = [
  'C: AUTH PLAIN ****',
  'C: STAT',
  'C: UIDL 2',
  'C: UIDL 3',
  'C: LIST 3',
  'C: TOP 3 0',
  'C: CAPA',
];

describe('what a real server shows', () => {
  it('the second check pipelines its sign-in, a peek at the next message and no UIDL listing when nothing changed', async () => {
    const first = await checkMailbox(request('tls', 'auto'));
    expect(first.known.serverFacts).toMatchObject({ capa: true, pipelining: true, uidl: true });
    const { lines } = await transcriptOf(request('tls', 'auto', { known: first.known }));
    const firstReply = lines.findIndex((l, i) => i > 0 && l.startsWith('S: '));
    expect(lines.slice(1, firstReply)).toEqual(SIGN_IN_PACKET);
    // Dovecot has no message 3: the peek costs three -ERR replies and nothing else.
    expect(lines.filter((l) => l.startsWith('S: -ERR'))).toHaveLength(3);
    expect(lines).not.toContain('C: UIDL');
    expect(lines.at(-2)).toBe('C: QUIT');
  });

  it('over STARTTLS the second check sends STLS first and skips both CAPA probes before signing in', async () => {
    const first = await checkMailbox(request('starttls', 'auto'));
    const { lines } = await transcriptOf(request('starttls', 'auto', { known: first.known }));
    const sent = lines.filter((l) => l.startsWith('C: '));
    expect(sent.slice(0, 8)).toEqual(['C: STLS', ...SIGN_IN_PACKET]);
  });

  it('one new message is read in the sign-in packet (UIDL, LIST and TOP of the next number): QUIT is all that follows', async () => {
    const first = await checkMailbox(request('tls', 'auto'));
    await dovecot.deliver('alice', makeMessage({ from: 'New <new@example.org>', subject: 'Fresh' }));
    const second = request('tls', 'auto', { known: first.known });
    const lines: string[] = [];
    const { result } = await checkMailbox({ ...second, onTranscript: (l) => lines.push(l) });
    expect(result.newCount).toBe(1);
    expect(result.newMessages[0]).toMatchObject({ number: 3, subject: 'Fresh', from: { address: 'new@example.org' } });
    // The UID as a full listing has it.
    const listed = await checkMailbox(request('tls', 'auto'));
    expect(result.newMessages[0]?.uid).toBe(listed.known.uids[2]);
    expect(result.newMessages[0]?.size).toBeGreaterThan(0);
    await departed(second.server);
    expect(lines.filter((l) => l.startsWith('C: '))).toEqual([...SIGN_IN_PACKET, 'C: QUIT']);
  });

  it('concurrent checks of one mailbox each end in a result or a typed error, none hangs', async () => {
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        checkMailbox(request('tls', 'auto')).then(
          (o) => o.result.count,
          (e: unknown) => e,
        ),
      ),
    );
    expect(Date.now() - started).toBeLessThan(DEADLINES.check);
    for (const outcome of outcomes) {
      if (typeof outcome === 'number') expect(outcome).toBeGreaterThanOrEqual(2);
      else expect(['IN_USE', 'SERVER_TEMPORARY']).toContain((outcome as PopbiffError).code);
    }
  });

  it('a pinned certificate is accepted without the CA file', async () => {
    const pem = await readFile(join(dir, 'tls', 'server.pem'), 'utf8');
    const base = request('tls', 'auto');
    const pinned = { ...base.server, caFile: undefined, pinnedCertSha256: new X509Certificate(pem).fingerprint256 };
    const { result } = await checkMailbox({ ...base, server: pinned });
    expect(result.count).toBeGreaterThanOrEqual(2);
  });
});
