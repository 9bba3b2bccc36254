/**
 * Threat: an attacker on the path strips or refuses STLS so the password goes out in clear.
 * A STARTTLS account must stop with TLS_UNAVAILABLE and never send USER or PASS.
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

describe('STLS downgrade', () => {
  it('stops with TLS_UNAVAILABLE when STLS is refused, and never sends the user name or password', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, { ...HAPPY_REPLIES, CAPA: '+OK\r\nUIDL\r\nSTLS\r\n.\r\n', STLS: '-ERR not now\r\n' });
    });
    const error = await checkError(fakeRequest(server.port, 'starttls'));
    expect(error.code).toBe('TLS_UNAVAILABLE');
    const [connection] = server.connections;
    expect(await within(connection!.closed, 2000)).toBe(true);
    // QUIT is harmless in clear text; USER and PASS never come.
    expect(connection!.received).toEqual(['CAPA', 'STLS', 'QUIT']);
  });

  it('still asks for STLS when CAPA does not announce it, and stops when it is refused', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await answer(c, { ...HAPPY_REPLIES, CAPA: '+OK\r\nUIDL\r\n.\r\n' });
    });
    const error = await checkError(fakeRequest(server.port, 'starttls'));
    expect(error.code).toBe('TLS_UNAVAILABLE');
    const [connection] = server.connections;
    expect(await within(connection!.closed, 2000)).toBe(true);
    // QUIT is harmless in clear text; USER and PASS never come.
    expect(connection!.received).toEqual(['CAPA', 'STLS', 'QUIT']);
    expect(connection!.received.join('\n')).not.toContain('fake-secret');
  });

  it('does not treat a TLS handshake with a plain-text answer as secure', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK ready\r\n');
      await c.readLine(); // CAPA
      c.write('-ERR no CAPA here\r\n');
      await c.readLine(); // STLS
      c.write('+OK go ahead\r\n');
      // Instead of a TLS handshake, a plain-text reply that would let a sign-in proceed.
      c.write('+OK Logged in.\r\n');
      await c.readLine();
    });
    const error = await checkError(fakeRequest(server.port, 'starttls'));
    expect(['TLS_FAILED', 'TIMEOUT', 'CONNECT_FAILED']).toContain(error.code);
    const [connection] = server.connections;
    expect(await within(connection!.closed, 3000)).toBe(true);
    expect(connection!.received.some((l) => /^(USER|PASS)/.test(l))).toBe(false);
  });
});
