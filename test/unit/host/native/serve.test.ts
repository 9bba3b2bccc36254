import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CheckOutcome, CheckRequest } from '../../../../src/host/mailbox/check/check-request';
import { type HandlerDeps, createHandlers } from '../../../../src/host/native/handlers';
import { FrameDecoder, encodeFrame } from '../../../../src/host/native/framing';
import { serve } from '../../../../src/host/native/serve';
import type { SecretStore } from '../../../../src/host/secrets/secret-store';
import { PopbiffError } from '../../../../src/shared/errors';
import { MAX_HOST_MESSAGE_BYTES, PROTOCOL_VERSION } from '../../../../src/shared/protocol';

const SERVER = { host: '127.0.0.1', port: 995, security: 'tls', allowPlaintext: false, username: 'ada' } as const;

class MemorySecrets implements SecretStore {
  readonly kind = 'memory';
  readonly map = new Map<string, string>();
  async get(id: string) {
    return this.map.get(id);
  }
  async set(id: string, secret: string) {
    this.map.set(id, secret);
  }
  async delete(id: string) {
    this.map.delete(id);
  }
}

class MemoryState {
  readonly saved = new Map<string, { token: string; uids: string[] }>();
  private next = 0;
  async load(id: string, token: string | undefined) {
    const entry = this.saved.get(id);
    return entry && entry.token === token ? { uids: entry.uids } : undefined;
  }
  async save(id: string, known: { uids: string[] }) {
    const token = `token-${++this.next}`;
    this.saved.set(id, { token, uids: known.uids });
    return token;
  }
  async delete(id: string) {
    this.saved.delete(id);
  }
}

function outcome(uids: string[], subject = 'hi'): CheckOutcome {
  return {
    known: { uids },
    result: {
      count: uids.length,
      size: 100 * uids.length,
      newCount: uids.length,
      newMessages: uids.map((uid, i) => ({
        uid,
        number: i + 1,
        size: 100,
        from: { name: 'Ada', address: 'ada@example.org' },
        subject,
        date: '',
        messageId: '',
      })),
      gone: [],
      baseline: false,
      capabilities: ['UIDL'],
      checkedAt: 1,
    },
  };
}

interface Harness {
  deps: HandlerDeps & { secrets: MemorySecrets; state: MemoryState };
  requests: CheckRequest[];
  logged: string[];
}

function harness(check?: (request: CheckRequest) => Promise<CheckOutcome>): Harness {
  const requests: CheckRequest[] = [];
  const logged: string[] = [];
  const secrets = new MemorySecrets();
  const state = new MemoryState();
  const deps = {
    secrets,
    state,
    mailbox: {
      checkMailbox: async (request: CheckRequest) => {
        requests.push(request);
        return check ? check(request) : outcome(['u1', 'u2']);
      },
    },
    log: { addSecret: () => undefined },
    platform: 'linux',
  };
  return { deps, requests, logged };
}

/** Runs serve over in-memory streams with the given frames; returns every reply frame decoded. */
async function exchange(h: Harness, input: Buffer[], allowed = true): Promise<Record<string, unknown>[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const received: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => received.push(chunk));
  const log = {
    info: (m: string) => h.logged.push(m),
    error: (m: string, d?: unknown) => h.logged.push(`${m} ${String(d)}`),
  };
  const running = serve({ input: stdin, output: stdout, handlers: createHandlers(h.deps), allowed, log });
  for (const frame of input) stdin.write(frame);
  stdin.end();
  await running;
  return new FrameDecoder(MAX_HOST_MESSAGE_BYTES)
    .push(Buffer.concat(received))
    .map((frame) => (frame.kind === 'message' ? (frame.value as Record<string, unknown>) : { frame }));
}

const request = (id: string, type: string, payload: unknown, v = PROTOCOL_VERSION) =>
  encodeFrame(JSON.stringify({ v, id, type, payload }));

const checkPayload = (extra: Record<string, unknown> = {}) => ({
  accountId: 'acc1',
  server: SERVER,
  watch: [],
  limit: 10,
  ...extra,
});

describe('serve', () => {
  it('answers hello with the protocol and host versions', async () => {
    const [reply] = await exchange(harness(), [request('1', 'hello', {})]);
    expect(reply).toEqual({
      v: PROTOCOL_VERSION,
      id: '1',
      hostVersion: expect.any(String),
      ok: true,
      result: {
        protocolVersion: PROTOCOL_VERSION,
        hostVersion: expect.any(String),
        platform: 'linux',
        secretStore: 'memory',
      },
    });
  });

  it('names the field of an invalid payload', async () => {
    const [reply] = await exchange(harness(), [request('1', 'check', checkPayload({ limit: -1 }))]);
    expect(reply).toMatchObject({ id: '1', ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(reply)).toContain('limit');
  });

  it('refuses unknown types, other protocol versions and broken envelopes, and keeps serving', async () => {
    const replies = await exchange(harness(), [
      request('1', 'format-disk', {}),
      request('2', 'hello', {}, 99),
      encodeFrame(JSON.stringify({ id: '3', payload: {} })),
      encodeFrame('not json'),
      request('5', 'hello', {}),
    ]);
    const summary = replies.map((r) => [r.id, r.ok, (r.error as { code?: string } | undefined)?.code]);
    expect(summary.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['', false, 'BAD_REQUEST'],
      ['1', false, 'BAD_REQUEST'],
      ['2', false, 'UNSUPPORTED_VERSION'],
      ['3', false, 'BAD_REQUEST'],
      ['5', true, undefined],
    ]);
    expect(JSON.stringify(replies.find((r) => r.id === '1'))).toContain('format-disk');
  });

  it('answers every request with FORBIDDEN_ORIGIN when the caller is not our extension', async () => {
    const h = harness();
    const replies = await exchange(
      h,
      [request('1', 'hello', {}), request('2', 'set-secret', { accountId: 'a', secret: 'pw' })],
      false,
    );
    expect(replies.map((r) => (r.error as { code: string }).code)).toEqual(['FORBIDDEN_ORIGIN', 'FORBIDDEN_ORIGIN']);
    expect(h.deps.secrets.map.size).toBe(0);
  });

  it('stops reading after an oversize length prefix, replying once', async () => {
    const huge = Buffer.alloc(4);
    huge.writeUInt32LE(10 * 1024 * 1024, 0);
    const replies = await exchange(harness(), [request('1', 'hello', {}), huge, request('2', 'hello', {})]);
    // Requests run concurrently, so replies may come in any order.
    expect(replies).toHaveLength(2);
    expect(replies).toContainEqual(expect.objectContaining({ id: '1', ok: true }));
    expect(replies).toContainEqual(
      expect.objectContaining({ id: '', ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) }),
    );
  });

  it('hides the text of unexpected failures behind INTERNAL but logs it', async () => {
    const h = harness(async () => {
      throw new TypeError('boom with internals');
    });
    await h.deps.secrets.set('acc1', 'pw');
    const [reply] = await exchange(h, [request('1', 'check', checkPayload())]);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong inside Popbiff.' },
    });
    expect(JSON.stringify(reply)).not.toContain('boom');
    expect(h.logged.join('\n')).toContain('boom with internals');
  });

  it('runs requests concurrently and answers each as soon as it is ready', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = harness(async () => {
      await gate;
      return outcome(['u1']);
    });
    await h.deps.secrets.set('acc1', 'pw');
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const decoder = new FrameDecoder(MAX_HOST_MESSAGE_BYTES);
    const ids: string[] = [];
    stdout.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk))
        if (frame.kind === 'message') ids.push((frame.value as { id: string }).id);
      if (ids.length === 1) release();
    });
    const log = { info: () => undefined, error: () => undefined };
    const running = serve({ input: stdin, output: stdout, handlers: createHandlers(h.deps), allowed: true, log });
    stdin.write(request('slow', 'check', checkPayload()));
    stdin.write(request('fast', 'hello', {}));
    stdin.end();
    await running;
    expect(ids).toEqual(['fast', 'slow']);
  });

  it('chunks a reply larger than one native message', async () => {
    // 200 summaries of 3 KB subjects plus a long capability list full of quotes (which double
    // when escaped) make a reply well beyond one native message.
    const h = harness(async () => {
      const big = outcome(
        Array.from({ length: 200 }, (_, i) => `uid-${i}`),
        '✉'.repeat(1000),
      );
      big.result.capabilities = Array.from({ length: 3000 }, (_, i) => `X-CAP-${i}-${'"'.repeat(150)}`);
      return big;
    });
    await h.deps.secrets.set('acc1', 'pw');
    const replies = await exchange(h, [request('big', 'check', checkPayload())]);
    expect(replies.length).toBeGreaterThan(1);
    const data = replies.map((r) => (r.chunk as { data: string }).data).join('');
    const whole = JSON.parse(data) as {
      id: string;
      ok: boolean;
      result: { newMessages: unknown[]; stateToken: string };
    };
    expect(whole).toMatchObject({ id: 'big', ok: true });
    expect(whole.result.newMessages).toHaveLength(200);
  });
});

describe('handlers', () => {
  it('check without a stored password fails with NO_PASSWORD before any connection', async () => {
    const h = harness();
    const [reply] = await exchange(h, [request('1', 'check', checkPayload())]);
    expect(reply).toMatchObject({ ok: false, error: { code: 'NO_PASSWORD' } });
    expect(h.requests).toHaveLength(0);
  });

  it('passes the stored password, and the known mailbox only when the token matches', async () => {
    const h = harness();
    const [setReply, first] = await exchange(h, [
      request('1', 'set-secret', { accountId: 'acc1', secret: 'pw1' }),
      request('2', 'check', checkPayload()),
    ]);
    expect(setReply).toMatchObject({ ok: true, result: { done: true } });
    const token = (first!.result as { stateToken: string }).stateToken;
    expect(h.requests[0]).toMatchObject({ password: 'pw1', server: SERVER, limit: 10 });
    expect(h.requests[0]?.known).toBeUndefined();

    const [second, third] = await exchange(h, [
      request('3', 'check', checkPayload({ stateToken: token, watch: ['u1'] })),
      request('4', 'check', checkPayload({ stateToken: 'stale' })),
    ]);
    expect(h.requests[1]).toMatchObject({ known: { uids: ['u1', 'u2'] }, watch: ['u1'] });
    expect(second?.ok).toBe(true);
    expect(third?.ok).toBe(true);
    expect(h.requests[2]?.known).toBeUndefined();
  });

  it('passes typed check failures through unchanged', async () => {
    const h = harness(async () => {
      throw new PopbiffError('LOGIN_DELAY', 'Wait 5 minutes.', 12345);
    });
    await h.deps.secrets.set('acc1', 'pw');
    const [reply] = await exchange(h, [request('1', 'check', checkPayload())]);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'LOGIN_DELAY', message: 'Wait 5 minutes.', retryAfter: 12345 },
    });
  });

  it('forget-account removes both the secret and the state', async () => {
    const h = harness();
    await h.deps.secrets.set('acc1', 'pw');
    await h.deps.state.save('acc1', { uids: ['u'] });
    const [reply] = await exchange(h, [request('1', 'forget-account', { accountId: 'acc1' })]);
    expect(reply).toMatchObject({ ok: true, result: { done: true } });
    expect(h.deps.secrets.map.has('acc1')).toBe(false);
    expect(h.deps.state.saved.has('acc1')).toBe(false);
  });
});
