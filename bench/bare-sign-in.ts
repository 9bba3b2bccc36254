/**
 * The yardstick of the 20-account benchmark: a bare POP3 session over TLS as any client would
 * hold it, one command at a time (greeting, USER, PASS, STAT, QUIT; RFC 1939 §§4-6), with no
 * state, no headers and no host process. It shares one TLS context across sessions so that it
 * is not slowed by building one each time.
 */
import tls from 'node:tls';

export interface BareAccount {
  port: number;
  user: string;
  password: string;
}

const TIMEOUT_MS = 30_000;

/** Resolves with the STAT reply once QUIT is answered; rejects on -ERR or after TIMEOUT_MS. */
export function bareSignIn(account: BareAccount, context: tls.SecureContext): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: account.port, secureContext: context });
    const timer = setTimeout(() => fail(new Error('bare sign-in timed out')), TIMEOUT_MS);
    const script = [`USER ${account.user}`, `PASS ${account.password}`, 'STAT', 'QUIT'];
    let buffer = '';
    let stat = '';
    let replies = 0;
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.on('error', fail);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!line.startsWith('+OK')) return fail(new Error(`server said ${line.slice(0, 100)}`));
        if (replies === 3) stat = line;
        const next = script[replies];
        replies += 1;
        if (next === undefined) {
          clearTimeout(timer);
          socket.end();
          return resolve(stat);
        }
        socket.write(`${next}\r\n`);
      }
    });
  });
}
