/**
 * A fake POP3 maildrop for fault tests: a list of messages the test may change between checks
 * (new mail, deletions by another client), and switches for what real servers won't do on
 * demand (hang up on CAPA, drop pipelined commands, lack UIDL, answer AUTH with a script).
 */
import { FAKE_PASSWORD, type FakeConnection, type Script } from './fake-pop3-server';

export interface FakeMessage {
  uid: string;
  subject: string;
  /** Body lines (after the headers), for TOP n k; default none. */
  body?: string[];
  /** What LIST says of it; default 100. */
  size?: number;
}

export interface MaildropOptions {
  /** Read at every command, so a test can change it between (or during) checks. */
  messages: FakeMessage[];
  greeting?: string;
  /** CAPA body lines; 'refuse' answers -ERR, 'hang-up' closes the connection. */
  capa?: string[] | 'refuse' | 'hang-up';
  /** After a successful sign-in, forget commands that were already received (and not answered). */
  dropPipelined?: boolean;
  noUidl?: boolean;
  /** The replies to `UIDL n` and `LIST n` for a message it does not have (default `-ERR no such message`). */
  beyond?: { uidl?: string; list?: string };
  /** Busy this long after a successful sign-in (like a server indexing a big maildrop). */
  busyAfterSignInMs?: number;
  /** The reply to PASS (default +OK). */
  pass?: string;
  /** Runs AUTH: gets the command line, may read more lines; returns true when signed in. */
  auth?: (line: string, connection: FakeConnection) => Promise<boolean>;
  /** The reply to QUIT (default +OK); messages marked by DELE are removed only after +OK (RFC 1939 §6). */
  quit?: string;
  /**
   * QUIT is never answered: the connection drops instead, as when the reply is lost. `committed`:
   * the server removed the marked messages first; `not-committed`: it did not.
   */
  quitLost?: 'committed' | 'not-committed';
  /** The QUIT reply waits for this (a server slow to say goodbye). */
  quitAfter?: Promise<unknown>;
}

/** Messages marked by DELE in each connection's session; removed from `messages` on a good QUIT. */
const marked = new WeakMap<FakeConnection, Set<FakeMessage>>();

const NO_SUCH_MESSAGE = '-ERR no such message';

export const PIPELINING_CAPA = ['TOP', 'UIDL', 'USER', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', 'SASL PLAIN'];

function header(message: FakeMessage): string {
  return `From: Sender <s@example.org>\r\nSubject: ${message.subject}\r\nMessage-ID: <${message.uid}@fake>\r\n\r\n`;
}

export function maildrop(options: MaildropOptions): Script {
  return async (c) => {
    c.write(`${options.greeting ?? '+OK fake POP3 ready'}\r\n`);
    for (;;) {
      const line = await c.readLine();
      if (line === undefined) return;
      const [verb = '', ...args] = line.split(' ');
      const reply = await answerOne(options, verb.toUpperCase(), args, line, c);
      if (reply === 'hang-up') return c.destroy();
      c.write(reply);
      if (reply.startsWith('+OK signed in') && options.busyAfterSignInMs) {
        await new Promise((resolve) => setTimeout(resolve, options.busyAfterSignInMs));
      }
      // end(), not destroy(): over TLS the goodbye must be flushed first.
      if (verb.toUpperCase() === 'QUIT') return void c.socket.end();
    }
  };
}

async function answerOne(
  options: MaildropOptions,
  verb: string,
  args: string[],
  line: string,
  c: FakeConnection,
): Promise<string> {
  const messages = options.messages;
  const message = (n: string | undefined) => messages[Number(n) - 1];
  switch (verb) {
    case 'CAPA':
      if (options.capa === 'hang-up') return 'hang-up';
      if (options.capa === 'refuse') return '-ERR unknown command\r\n';
      return `+OK\r\n${(options.capa ?? PIPELINING_CAPA).map((l) => `${l}\r\n`).join('')}.\r\n`;
    case 'USER':
      return '+OK\r\n';
    case 'PASS':
      return signedIn(options, options.pass ?? '+OK signed in\r\n', c);
    case 'AUTH': {
      const auth = options.auth ?? plainOnly;
      return (await auth(line, c)) ? signedIn(options, '+OK signed in\r\n', c) : '';
    }
    case 'STAT':
      return `+OK ${messages.length} ${messages.length * 100}\r\n`;
    case 'NOOP':
      return '+OK\r\n';
    case 'UIDL':
      if (options.noUidl) return '-ERR no UIDL\r\n';
      if (args[0] === undefined) return `+OK\r\n${messages.map((m, i) => `${i + 1} ${m.uid}\r\n`).join('')}.\r\n`;
      if (!message(args[0])) return `${options.beyond?.uidl ?? NO_SUCH_MESSAGE}\r\n`;
      return `+OK ${args[0]} ${message(args[0])?.uid}\r\n`;
    case 'LIST': {
      const m = message(args[0]);
      return m ? `+OK ${args[0]} ${m.size ?? 100}\r\n` : `${options.beyond?.list ?? NO_SUCH_MESSAGE}\r\n`;
    }
    case 'TOP': {
      const m = message(args[0]);
      const body = (m?.body ?? []).slice(0, Number(args[1] ?? 0)).map((l) => `${l.startsWith('.') ? '.' : ''}${l}\r\n`);
      return m ? `+OK\r\n${header(m)}${body.join('')}.\r\n` : '-ERR no such message\r\n';
    }
    case 'DELE': {
      const m = message(args[0]);
      const set = marked.get(c) ?? new Set();
      marked.set(c, set);
      if (!m || set.has(m)) return '-ERR no such message\r\n';
      set.add(m);
      return '+OK marked\r\n';
    }
    case 'QUIT': {
      await options.quitAfter;
      const reply = options.quit ?? '+OK bye\r\n';
      const commits = options.quitLost === undefined ? reply.startsWith('+OK') : options.quitLost === 'committed';
      const set = marked.get(c) ?? new Set();
      if (commits)
        for (let i = messages.length - 1; i >= 0; i--) if (set.has(messages[i] as FakeMessage)) messages.splice(i, 1);
      return options.quitLost === undefined ? reply : 'hang-up';
    }
    default:
      return '-ERR unknown command\r\n';
  }
}

/** AUTH PLAIN with an initial response (RFC 4616) for alice and the fake password. */
async function plainOnly(line: string, c: FakeConnection): Promise<boolean> {
  const [, mechanism, initial = ''] = line.split(' ');
  const ok =
    mechanism?.toUpperCase() === 'PLAIN' &&
    Buffer.from(initial, 'base64').toString('utf8') === `\0alice\0${FAKE_PASSWORD}`;
  if (!ok) c.write('-ERR [AUTH] Authentication failed\r\n');
  return ok;
}

function signedIn(options: MaildropOptions, reply: string, c: FakeConnection): string {
  if (options.dropPipelined && reply.startsWith('+OK')) c.discardQueued();
  return reply;
}

export function messages(count: number, prefix = 'uid'): FakeMessage[] {
  return Array.from({ length: count }, (_, i) => ({ uid: `${prefix}-${i + 1}`, subject: `Message ${i + 1}` }));
}
