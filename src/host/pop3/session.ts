/**
 * One POP3 conversation over one socket (RFC 1939). It reads the greeting, sends commands and
 * matches replies to them in order through a queue, so pipelining (RFC 2449 §6.6) needs only
 * several sends before the awaits. Every reply has a deadline; any failure breaks the session
 * and destroys the socket. The transcript masks secrets where the command is built.
 */
import type net from 'node:net';
import tls from 'node:tls';
import { PopbiffError } from '../../shared/errors';
import { MAX_COMMAND, MAX_MULTILINE_LINE, MAX_MULTILINE_TOTAL, MAX_SASL_LINE, MAX_STATUS_LINE } from './limits';
import { LineReader, MultilineCollector } from './line-reader';
import { lineText, parseContinuable, parseStatus, quote, type Status } from './replies';

/** RFC 1939 §3: sign-in, then the mail transaction, then UPDATE after QUIT. */
export type SessionState = 'AUTHORIZATION' | 'TRANSACTION' | 'UPDATE';

export interface Command {
  verb: string;
  args?: string[];
  /**
   * Set where the command is built when its last argument is a secret (a password, a digest,
   * a SASL initial response): the transcript shows "****" in its place.
   */
  secret?: boolean;
}

export interface MultilineReply {
  status: Status;
  /** Dot-unstuffed body lines; empty after -ERR (which has no body). */
  lines: Buffer[];
  /** True when lines beyond the `keep` limit were read and dropped. */
  truncated?: boolean;
}

export interface MultilineLimits {
  maxLine?: number;
  maxTotal?: number;
  /** Octets of body kept; the rest is read and dropped (see MultilineCollector). */
  keep?: number;
}

interface Pending {
  label: string;
  /** A "+ challenge" line may answer (SASL, RFC 5034 §4). */
  continuable?: boolean;
  multiline?: MultilineLimits;
  status?: Status;
  collector?: MultilineCollector;
  timer: NodeJS.Timeout;
  resolve(reply: MultilineReply): void;
  reject(error: PopbiffError): void;
}

export class Pop3Session {
  state: SessionState = 'AUTHORIZATION';
  readonly transcript: string[] = [];
  private readonly reader = new LineReader();
  private readonly pending: Pending[] = [];
  private socket: net.Socket;
  private failure: PopbiffError | undefined;
  private readonly secrets = new Set<string>();
  private corked = false;
  private goodbye: Promise<void> | undefined;

  constructor(
    socket: net.Socket,
    private readonly commandTimeoutMs: number,
    private readonly onTranscript?: (line: string) => void,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  /** True while the connection can still carry commands (for QUIT). */
  get healthy(): boolean {
    return this.failure === undefined && !this.socket.destroyed;
  }

  /** The TLS socket once the connection is encrypted (implicit TLS or after STLS). */
  get tlsSocket(): tls.TLSSocket | undefined {
    return this.socket instanceof tls.TLSSocket ? this.socket : undefined;
  }

  /** The +OK/-ERR greeting (RFC 1939 §4); it is a reply without a command. */
  greeting(): Promise<Status> {
    return this.expect('greeting').then((r) => r.status);
  }

  /** Sends a command and reads its single-line reply. */
  async send(command: Command): Promise<Status> {
    this.write(command);
    return (await this.expect(command.verb)).status;
  }

  /** Sends a command that the server may answer with a SASL challenge ("+ base64"). */
  async sendContinuable(command: Command): Promise<Status> {
    this.write(command);
    return (await this.expect(command.verb, undefined, true)).status;
  }

  /**
   * Sends one SASL client response line (RFC 5034 §4), always masked in the transcript: it
   * carries the credentials in some form. May be longer than a command line.
   */
  async sendResponse(line: string): Promise<Status> {
    if (this.failure) throw this.failure;
    if (/[\r\n\0]/.test(line) || line.length > MAX_SASL_LINE)
      throw new PopbiffError('BAD_REQUEST', 'A SASL response is not a valid line.');
    if (line !== '' && line !== '*') this.secrets.add(line);
    this.log(line === '' || line === '*' ? `C: ${line}` : 'C: ****');
    this.socket.write(`${line}\r\n`);
    return (await this.expect('AUTH', undefined, true)).status;
  }

  /** Registers a secret up front, so a server echoing it (in any reply) never shows it. */
  markSecret(value: string): void {
    if (value !== '') this.secrets.add(value);
  }

  /** Replies asked for and not yet complete (pipelined commands in flight). */
  get inFlight(): number {
    return this.pending.length;
  }

  /** Sends a command whose +OK is followed by a dot-terminated body (RFC 1939 §3). */
  sendMultiline(command: Command, limits: MultilineLimits = {}): Promise<MultilineReply> {
    this.write(command);
    return this.expect(command.verb, limits);
  }

  /**
   * Swaps the socket for a TLS one after STLS's +OK. Bytes already buffered are dropped unread:
   * they arrived in clear text and may have been injected (RFC 2595 §4).
   */
  async upgrade(secure: (plain: net.Socket) => Promise<net.Socket>): Promise<void> {
    if (this.pending.length > 0) throw new PopbiffError('INTERNAL', 'STLS while replies are still pending.');
    const dropped = this.reader.discard();
    if (dropped > 0) this.log(`-- discarded ${dropped} octets received before the TLS handshake`);
    this.detach(this.socket);
    // The TLS socket reports failures; this only keeps a stray error on the old one harmless.
    this.socket.on('error', () => {});
    try {
      this.socket = await secure(this.socket);
    } catch (error) {
      this.failure = error instanceof PopbiffError ? error : new PopbiffError('TLS_FAILED');
      throw this.failure;
    }
    this.attach(this.socket);
  }

  /**
   * QUIT when the connection is healthy (RFC 1939 §6), then close; never throws. QUIT is written
   * at once; asked again, the same goodbye.
   */
  quit(): Promise<void> {
    this.goodbye ??= this.sayGoodbye();
    return this.goodbye;
  }

  /** The QUIT under way, once one was sent; work that needs nothing from its reply leaves it be. */
  get leaving(): Promise<void> | undefined {
    return this.goodbye;
  }

  private async sayGoodbye(): Promise<void> {
    if (!this.healthy) return this.close();
    try {
      const status = await this.send({ verb: 'QUIT' });
      if (status.ok) this.state = 'UPDATE';
    } catch {
      // The check's outcome is already known; a failed goodbye changes nothing on the server.
    }
    this.close();
  }

  /** Destroys the socket and fails whatever is still waiting for a reply. */
  close(reason?: PopbiffError): void {
    this.fail(reason ?? new PopbiffError('CONNECT_FAILED', 'The connection was closed.'));
  }

  private write(command: Command): void {
    if (this.failure) throw this.failure;
    const args = command.args ?? [];
    if (args.some((a) => /[\r\n\0]/.test(a))) {
      throw new PopbiffError('BAD_REQUEST', `A ${command.verb} argument contains a line break.`);
    }
    const line = [command.verb, ...args].join(' ');
    if (Buffer.byteLength(line) + 2 > MAX_COMMAND) {
      throw new PopbiffError('BAD_REQUEST', `The ${command.verb} command would be longer than ${MAX_COMMAND} octets.`);
    }
    const secret = command.secret ? args.at(-1) : undefined;
    if (secret) this.secrets.add(secret);
    this.log(`C: ${secret === undefined ? line : [command.verb, ...args.slice(0, -1), '****'].join(' ')}`);
    this.coalesce();
    this.socket.write(`${line}\r\n`);
  }

  /**
   * Commands written in the same tick (a pipelined batch) leave in as few packets as possible:
   * the socket is corked until the tick ends.
   */
  private coalesce(): void {
    if (this.corked) return;
    const socket = this.socket;
    socket.cork();
    this.corked = true;
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  private expect(label: string, multiline?: MultilineLimits, continuable = false): Promise<MultilineReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(new PopbiffError('TIMEOUT', `No complete reply to ${label} within ${this.commandTimeoutMs} ms.`)),
        this.commandTimeoutMs,
      );
      this.pending.push({ label, ...(multiline ? { multiline } : {}), continuable, timer, resolve, reject });
      this.drain();
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    this.reader.push(chunk);
    this.drain();
  };

  private readonly onError = (error: Error): void => {
    const code = 'code' in error && typeof error.code === 'string' ? `: ${error.code}` : '';
    this.fail(new PopbiffError('CONNECT_FAILED', `The connection failed${code}.`));
  };

  private readonly onClose = (): void => {
    this.fail(new PopbiffError('PROTOCOL_ERROR', 'The server closed the connection before its reply was complete.'));
  };

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
  }

  /** Feeds buffered lines to the oldest pending replies, in order. */
  private drain(): void {
    try {
      while (this.pending.length > 0 && this.advance(this.pending[0] as Pending)) {
        const done = this.pending.shift() as Pending;
        clearTimeout(done.timer);
        done.resolve({
          status: done.status as Status,
          lines: done.collector?.lines ?? [],
          truncated: done.collector?.truncated ?? false,
        });
      }
    } catch (error) {
      this.fail(error instanceof PopbiffError ? error : new PopbiffError('PROTOCOL_ERROR'));
    }
  }

  /** Consumes buffered lines for one reply; true once that reply is complete. */
  private advance(reply: Pending): boolean {
    if (!reply.status) {
      const line = this.reader.nextLine(MAX_STATUS_LINE);
      if (!line) return false;
      reply.status = reply.continuable ? parseContinuable(line) : parseStatus(line);
      this.log(`S: ${quote(lineText(line))}`);
      if (!reply.multiline || !reply.status.ok) return true;
      reply.collector = new MultilineCollector(reply.multiline.maxTotal ?? MAX_MULTILINE_TOTAL, reply.multiline.keep);
    }
    const collector = reply.collector as MultilineCollector;
    for (;;) {
      const line = this.reader.nextLine(reply.multiline?.maxLine ?? MAX_MULTILINE_LINE);
      if (!line) return false;
      if (collector.add(line)) {
        this.log(`S: (${collector.lines.length} lines)`);
        return true;
      }
    }
  }

  /** The first failure wins: the session is broken from then on. */
  private fail(error: PopbiffError): void {
    if (!this.failure) {
      this.failure = error;
      if (error.code !== 'CONNECT_FAILED' || this.pending.length > 0) this.log(`-- ${error.code}: ${error.message}`);
    }
    this.detach(this.socket);
    // Keep a listener so a late socket error after destroy() cannot crash the process.
    this.socket.on('error', () => {});
    this.socket.destroy();
    for (const reply of this.pending.splice(0)) {
      clearTimeout(reply.timer);
      reply.reject(this.failure);
    }
  }

  /** Removes every secret sent in this session from text that came back (a server may echo it). */
  redact(text: string): string {
    let clean = text;
    for (const secret of this.secrets) clean = clean.split(secret).join('****');
    return clean;
  }

  private log(raw: string): void {
    const line = this.redact(raw);
    this.transcript.push(line);
    this.onTranscript?.(line);
  }
}
