/**
 * checkMailbox against a real Dovecot on 127.0.0.1: pop3s and STARTTLS, new-mail detection
 * across checks, and the failures a user meets (wrong password, untrusted certificate, clear
 * text not allowed). The mailbox must never lose a message.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotServer, makeMessage, startDovecot } from '../../scripts/lib/dovecot';
import type { CheckRequest } from '../../src/host/mailbox/check/check-request';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import type { Security } from '../../src/shared/server';
import { PopbiffError } from '../../src/shared/errors';

const PASSWORD = 'correct horse battery';
const DEADLINES = { connect: 5000, tls: 5000, command: 5000, check: 15000 };

interface Sent {
  subject: string;
  fromName: string;
  fromAddress: string;
  date: Date;
  messageId: string;
}

let dir: string;
let dovecot: DovecotServer;
const sent: Sent[] = [];

function sample(n: number): Sent {
  return {
    subject: `Grüße Nummer ${n} — ✓`,
    fromName: `Sender ${n}`,
    fromAddress: `sender${n}@example.org`,
    date: new Date(Date.UTC(2024, 0, n, 10, 30, 0)),
    messageId: `<msg-${n}-${Math.random().toString(36).slice(2)}@popbiff.test>`,
  };
}

async function deliver(user: string, message: Sent): Promise<void> {
  const raw = makeMessage({
    from: `${message.fromName} <${message.fromAddress}>`,
    subject: message.subject,
    date: message.date,
    messageId: message.messageId,
    body: `Body of ${message.messageId}`,
  });
  await dovecot.deliver(user, raw);
  sent.push(message);
}

function request(security: Security, overrides: Partial<CheckRequest> = {}): CheckRequest {
  return {
    server: dovecot.serverSettings('alice', security),
    password: PASSWORD,
    watch: [],
    limit: 10,
    firstCheck: 'all-new',
    deadlines: DEADLINES,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<PopbiffError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PopbiffError);
  return error as PopbiffError;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'popbiff-live-'));
  dovecot = await startDovecot({ dir, users: [{ user: 'alice', password: PASSWORD }] });
  for (const n of [1, 2, 3]) await deliver('alice', sample(n));
});

afterAll(async () => {
  await dovecot?.stop();
  if (!process.env.KEEP) await rm(dir, { recursive: true, force: true });
  else console.log(dir);
});

describe('checkMailbox against Dovecot', () => {
  for (const security of ['tls', 'starttls'] as const) {
    it(`reports every message of a first check with its headers over ${security}`, async () => {
      const lines: string[] = [];
      const { result, known } = await checkMailbox(request(security, { onTranscript: (l) => lines.push(l) }));
      expect(result.count).toBe(3);
      expect(result.newCount).toBe(3);
      expect(result.baseline).toBe(true);
      expect(result.capabilities).toContain('UIDL');
      expect(known.uids).toHaveLength(3);
      // Newest first: the last delivered has the highest message number.
      const expected = [...sent.slice(0, 3)].reverse();
      expect(result.newMessages.map((m) => m.number)).toEqual([3, 2, 1]);
      result.newMessages.forEach((summary, i) => {
        const message = expected[i] as Sent;
        expect(summary.uid).toBe(known.uids[summary.number - 1]);
        expect(summary.subject).toBe(message.subject);
        expect(summary.from).toEqual({ name: message.fromName, address: message.fromAddress });
        expect(summary.date).toBe(message.date.toISOString());
        expect(summary.messageId).toBe(message.messageId);
        expect(summary.size).toBeGreaterThan(100);
      });
      expect(result.size).toBe(result.newMessages.reduce((sum, m) => sum + m.size, 0));
      // Over TLS, `auto` prefers SASL PLAIN (RFC 4616), which Dovecot offers.
      expect(lines).toContain('C: AUTH PLAIN ****');
      expect(lines.join('\n')).not.toContain(PASSWORD);
      expect(lines.some((l) => /^C: (RETR|DELE)/.test(l))).toBe(false);
    });
  }

  it('finds nothing new on a second check, then exactly the message delivered since', async () => {
    const first = await checkMailbox(request('tls'));
    const second = await checkMailbox(request('tls', { known: first.known }));
    expect(second.result.newCount).toBe(0);
    expect(second.result.baseline).toBe(false);

    const fresh = sample(4);
    await deliver('alice', fresh);
    const third = await checkMailbox(request('starttls', { known: second.known }));
    expect(third.result.count).toBe(second.result.count + 1);
    expect(third.result.newCount).toBe(1);
    expect(third.result.newMessages[0]?.subject).toBe(fresh.subject);
    expect(third.result.newMessages[0]?.messageId).toBe(fresh.messageId);
  });

  it('reports watched messages that are no longer on the server as gone', async () => {
    const { known } = await checkMailbox(request('tls'));
    const { result } = await checkMailbox(request('tls', { known, watch: [known.uids[0] as string, 'no-such-uid'] }));
    expect(result.gone).toEqual(['no-such-uid']);
  });

  it('says AUTH_FAILED for a wrong password and leaves the mailbox untouched', async () => {
    const before = await checkMailbox(request('tls'));
    const error = await failure(checkMailbox(request('tls', { password: 'wrong password' })));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).not.toContain('wrong password');
    const after = await checkMailbox(request('tls'));
    expect(after.result.count).toBe(before.result.count);
    expect(after.known.uids).toEqual(before.known.uids);
  });

  it('says CERT_UNTRUSTED when the test CA is not given', async () => {
    const base = request('tls');
    const error = await failure(checkMailbox({ ...base, server: { ...base.server, caFile: undefined } }));
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.message).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('says CONNECT_FAILED when nothing listens at the address', async () => {
    const base = request('tls');
    // Dovecot listens on 127.0.0.1 only; the rest of 127/8 is loopback with nobody there.
    const error = await failure(checkMailbox({ ...base, server: { ...base.server, host: '127.0.0.2' } }));
    expect(error.code).toBe('CONNECT_FAILED');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('says CERT_UNTRUSTED after STLS too when the test CA is not given', async () => {
    const base = request('starttls');
    const error = await failure(checkMailbox({ ...base, server: { ...base.server, caFile: undefined } }));
    expect(error.code).toBe('CERT_UNTRUSTED');
  });

  it('refuses clear text without the account owner allowing it, before connecting', async () => {
    const error = await failure(checkMailbox(request('plain')));
    expect(error.code).toBe('PLAINTEXT_REFUSED');
  });

  it('signs in over clear text when the account allows it', async () => {
    const base = request('plain');
    const { result } = await checkMailbox({ ...base, server: { ...base.server, allowPlaintext: true } });
    expect(result.count).toBe(sent.length);
  });

  it('never removes a message: the count after all checks is what was delivered', async () => {
    const { result } = await checkMailbox(request('tls', { limit: 0 }));
    expect(result.count).toBe(sent.length);
    expect(result.newMessages).toEqual([]);
    expect(await dovecot.authLog()).toMatch(/del=0\//);
    expect(await dovecot.authLog()).not.toMatch(/del=[1-9]/);
  });
});
