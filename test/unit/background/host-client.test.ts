import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_DEADLINES_MS, disconnectError, openHostSession } from '../../../src/background/host-client';
import { PopbiffError } from '../../../src/shared/errors';
import { HOST_NAME, PROTOCOL_VERSION } from '../../../src/shared/protocol';
import {
  checkResult,
  createFakeBrowser,
  sampleAccount,
  type FakeBrowser,
  type FakePort,
} from '../../helpers/fake-browser';

const hello = { protocolVersion: PROTOCOL_VERSION, hostVersion: '0.1.0', platform: 'linux', secretStore: 'file' };
const account = sampleAccount('work');
const checkPayload = { accountId: account.id, server: account.server, watch: [], limit: 20 };

let fake: FakeBrowser;
const open = () => openHostSession(fake.platform.connectNative, { lastError: fake.platform.lastError });
const portOf = (): FakePort => {
  const port = fake.ports.at(-1);
  if (!port) throw new Error('no port was opened');
  return port;
};
const requestAt = (index: number) => {
  const request = portOf().posted[index];
  if (!request) throw new Error(`no request #${index}`);
  return request;
};
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof PopbiffError ? error.code : 'untyped'),
  );

beforeEach(() => {
  fake = createFakeBrowser();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('host client', () => {
  it('sends a versioned request with a unique id to the registered host', async () => {
    const session = open();
    void session.request('hello', {});
    void session.request('hello', {});
    expect(fake.ports).toHaveLength(1);
    const [first, second] = portOf().posted;
    expect(first).toMatchObject({ v: PROTOCOL_VERSION, type: 'hello', payload: {} });
    expect(first?.id).not.toBe(second?.id);
    expect(HOST_NAME).toBe('org.popbiff.host');
  });

  it('matches replies to requests by id, whatever their order', async () => {
    const session = open();
    const a = session.request('check', checkPayload);
    const b = session.request('hello', {});
    portOf().ok(requestAt(1).id, hello);
    portOf().ok(requestAt(0).id, checkResult({ count: 7 }));
    await expect(b).resolves.toEqual(hello);
    await expect(a).resolves.toMatchObject({ count: 7 });
  });

  it("turns the host's error reply into a typed error with its retryAfter", async () => {
    const session = open();
    const pending = session.request('check', checkPayload);
    portOf().fail(requestAt(0).id, 'LOGIN_DELAY', 'wait', 12345);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PopbiffError);
    expect(error).toMatchObject({ code: 'LOGIN_DELAY', message: 'wait', retryAfter: 12345 });
  });

  it('a request without an answer fails with HOST_TIMEOUT at its deadline, not a hang', async () => {
    vi.useFakeTimers();
    const session = open();
    const outcome = codeOf(session.request('hello', {}));
    await vi.advanceTimersByTimeAsync(HOST_DEADLINES_MS.hello - 1);
    const early = await Promise.race([outcome, Promise.resolve('pending')]);
    expect(early).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe('HOST_TIMEOUT');
  });

  it('reassembles a chunked reply, in any order, then validates it', async () => {
    const session = open();
    const pending = session.request('check', checkPayload);
    const id = requestAt(0).id;
    const whole = JSON.stringify({
      v: PROTOCOL_VERSION,
      id,
      hostVersion: '0.1.0',
      ok: true,
      result: checkResult({ count: 42 }),
    });
    const cut = [whole.slice(0, 10), whole.slice(10, 50), whole.slice(50)];
    const chunk = (index: number) => ({
      v: PROTOCOL_VERSION,
      id,
      hostVersion: '0.1.0',
      chunk: { index, count: 3, data: cut[index] },
    });
    portOf().send(chunk(2));
    portOf().send(chunk(0));
    portOf().send(chunk(1));
    await expect(pending).resolves.toMatchObject({ count: 42 });
  });

  it('a chunk repeated or out of range fails its request as an invalid reply', async () => {
    const session = open();
    const pending = codeOf(session.request('hello', {}));
    const id = requestAt(0).id;
    const chunk = { v: PROTOCOL_VERSION, id, hostVersion: '0.1.0', chunk: { index: 0, count: 2, data: '{' } };
    portOf().send(chunk);
    portOf().send(chunk);
    expect(await pending).toBe('INTERNAL');
  });

  it('a result that does not match the request type is a typed error', async () => {
    const session = open();
    const pending = session.request('check', checkPayload);
    portOf().ok(requestAt(0).id, { count: 'many' });
    await expect(pending).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('a reply in another protocol version is UNSUPPORTED_VERSION', async () => {
    const session = open();
    const pending = session.request('hello', {});
    portOf().send({ v: PROTOCOL_VERSION + 1, id: requestAt(0).id, hostVersion: '9.0.0', ok: true, result: hello });
    await expect(pending).rejects.toMatchObject({ code: 'UNSUPPORTED_VERSION' });
  });

  it('a message that is not an envelope fails every pending request', async () => {
    const session = open();
    const a = codeOf(session.request('hello', {}));
    const b = codeOf(session.request('hello', {}));
    portOf().send('garbage');
    expect([await a, await b]).toEqual(['INTERNAL', 'INTERNAL']);
  });

  it('a port closed before any reply with "not found" is HOST_NOT_FOUND (Chromium)', async () => {
    const session = open();
    const pending = codeOf(session.request('hello', {}));
    portOf().close('Specified native messaging host not found.');
    expect(await pending).toBe('HOST_NOT_FOUND');
    expect(await codeOf(session.request('hello', {}))).toBe('HOST_NOT_FOUND');
  });

  it('a forbidden host is HOST_NOT_FOUND, and Firefox reports it on port.error', async () => {
    const session = open();
    const pending = codeOf(session.request('hello', {}));
    portOf().close('No such native application org.popbiff.host', 'firefox');
    expect(await pending).toBe('HOST_NOT_FOUND');
    expect(disconnectError('Access to the specified native messaging host is forbidden.', false).code).toBe(
      'HOST_NOT_FOUND',
    );
  });

  it('a host that exits after answering is HOST_DISCONNECTED', async () => {
    const session = open();
    const first = session.request('hello', {});
    const second = codeOf(session.request('hello', {}));
    portOf().ok(requestAt(0).id, hello);
    await first;
    portOf().close('Native host has exited.');
    expect(await second).toBe('HOST_DISCONNECTED');
    expect(disconnectError('Specified native messaging host not found.', true).code).toBe('HOST_DISCONNECTED');
  });

  it('connectNative throwing makes every request fail with HOST_NOT_FOUND', async () => {
    fake.failConnect('Access to the native messaging API requires the "nativeMessaging" permission');
    const session = open();
    expect(await codeOf(session.request('hello', {}))).toBe('HOST_NOT_FOUND');
  });

  it('close disconnects the port and fails what is still pending', async () => {
    const session = open();
    const pending = codeOf(session.request('hello', {}));
    session.close();
    expect(portOf().disconnected).toBe(true);
    expect(await pending).toBe('HOST_DISCONNECTED');
  });
});
