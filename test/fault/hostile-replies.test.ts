/**
 * Threat: a server (or whatever answers on the port) sends garbage, stalls, hangs up mid-reply
 * or streams an endless line. Each must end in a typed error within the deadline, with the
 * socket closed: never a hang, never unbounded memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  answer,
  checkError,
  type FakeServer,
  fakeRequest,
  HAPPY_REPLIES,
  startFakeServer,
  within,
} from '../helpers/fake-pop3-server';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

async function closedByClient(): Promise<boolean> {
  const [connection] = server!.connections;
  return within(connection!.closed, 2000);
}

describe('hostile replies', () => {
  it('a garbage greeting is a PROTOCOL_ERROR', async () => {
    server = await startFakeServer(async (c) => {
      c.write('SSH-2.0-OpenSSH_9.2\r\n');
      await c.readLine();
    });
    const error = await checkError(fakeRequest(server.port));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toContain('SSH-2.0');
    expect(await closedByClient()).toBe(true);
  });

  it('a server that never greets is a TIMEOUT within the command deadline', async () => {
    server = await startFakeServer(async (c) => {
      await c.readLine();
    });
    const started = Date.now();
    const error = await checkError(fakeRequest(server.port));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await closedByClient()).toBe(true);
  });

  it('a UIDL listing that stalls half-way is a TIMEOUT', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, { ...HAPPY_REPLIES, UIDL: '+OK\r\n1 uid-one\r\n' });
    });
    const error = await checkError(fakeRequest(server.port));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('UIDL');
    expect(await closedByClient()).toBe(true);
  });

  it('the whole check has its own deadline even when every single reply is on time', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      for (;;) {
        const line = await c.readLine();
        if (line === undefined) return;
        // Each reply just inside the command deadline; CAPA, USER, PASS, STAT... add up.
        await new Promise((r) => setTimeout(r, 200));
        const verb = line.split(' ')[0] ?? '';
        c.write(HAPPY_REPLIES[verb] ?? '-ERR\r\n');
      }
    });
    const started = Date.now();
    const error = await checkError(fakeRequest(server.port, 'plain', { deadlines: { command: 1000, check: 500 } }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('500 ms');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await closedByClient()).toBe(true);
  });

  it('a disconnect in the middle of a multi-line reply is a typed error', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, { ...HAPPY_REPLIES, UIDL: '+OK\r\n1 uid-one\r\n2 uid-' });
    });
    const pending = checkError(fakeRequest(server.port, 'plain', { deadlines: { command: 2000, check: 3000 } }));
    // Hang up once UIDL has been asked for.
    for (let i = 0; i < 100 && !server.connections[0]?.received.includes('UIDL'); i++)
      await new Promise((r) => setTimeout(r, 10));
    server.connections[0]?.destroy();
    const error = await pending;
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toMatch(/closed the connection/);
    expect(await closedByClient()).toBe(true);
  });

  it('an endless line is LIMIT_EXCEEDED long before memory runs out', async () => {
    let sent = 0;
    server = await startFakeServer(async (c) => {
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      c.write('+OK');
      // Bounded: 16 MiB at most, far past every cap; stops as soon as the client hangs up.
      for (let i = 0; i < 256 && !c.socket.destroyed; i++) {
        c.write(chunk);
        sent += chunk.length;
        await new Promise((r) => setImmediate(r));
      }
    });
    const error = await checkError(fakeRequest(server.port));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(await closedByClient()).toBe(true);
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it('an endless header block from TOP is cut, and the check still succeeds', async () => {
    const bigHeader = `X-Filler: ${'y'.repeat(4000)}\r\n`.repeat(40);
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, { ...HAPPY_REPLIES, TOP: `+OK\r\nSubject: Big\r\n${bigHeader}.\r\n` });
    });
    const { checkMailbox } = await import('../../src/host/mailbox/check/check-mailbox');
    const { result } = await checkMailbox(fakeRequest(server.port));
    expect(result.newMessages[0]?.subject).toBe('Big');
  });
});
