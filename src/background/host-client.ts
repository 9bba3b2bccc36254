import { PopbiffError, ERROR_TABLE } from '../shared/errors';
import {
  HOST_NAME,
  PROTOCOL_VERSION,
  REQUESTS,
  ReplyEnvelope,
  type PayloadOf,
  type RequestType,
  type ResultOf,
} from '../shared/protocol';
import type { ConnectNative, NativePort } from './platform';
import { ChunkAssembler } from './reply-chunks';

/**
 * One native-messaging port to the host for one batch of requests (spawning the host costs about
 * as much as starting Node; a message on an open port about a millisecond). Every request has an
 * id and a deadline; every reply is validated twice: its envelope, then its result for the type.
 */

/** How long each request may take; `check` covers a whole POP3 session on a slow server. */
export const HOST_DEADLINES_MS: Record<RequestType, number> = {
  hello: 10_000,
  check: 120_000,
  'set-secret': 15_000,
  // A small file write under a lock (src/host/file-lock.ts).
  'set-command': 15_000,
  'forget-account': 15_000,
  'retain-accounts': 15_000,
  // Only the program's start is awaited, never the client itself.
  'open-mail-client': 15_000,
  // One short session each: sign in, UIDL, TOP or DELE, QUIT.
  preview: 60_000,
  'delete-messages': 60_000,
  // A diagnostic session on a slow or broken server takes longest to give up.
  'test-account': 90_000,
  // Several HTTP look-ups and DNS, each with its own timeout in the host.
  autoconfig: 60_000,
  // One HTTPS round trip to the provider's token endpoint (10 s in the host) plus the keyring.
  'oauth-exchange': 30_000,
  // Capped file reads, and on Windows up to three `reg query` runs of at most 10 s each.
  'find-accounts': 45_000,
  // One small file written atomically.
  'publish-status': 15_000,
};

export interface HostSessionOptions {
  lastError: () => string | undefined;
  deadlines?: Partial<Record<RequestType, number>>;
  newId?: () => string;
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: PopbiffError) => void;
  timer: ReturnType<typeof setTimeout>;
}

type Reply = Exclude<ReplyEnvelope, { chunk: unknown }>;

/** Browser wording for a host that is missing, misregistered or not allowed for us. */
const NOT_FOUND = /not found|forbidden|no such native application/i;

export function openHostSession(connect: ConnectNative, options: HostSessionOptions): HostSession {
  try {
    return new HostSession(connect(HOST_NAME), options);
  } catch (error) {
    // Thrown at once (e.g. without the "nativeMessaging" permission): the host cannot be reached at all.
    const detail = error instanceof Error ? ` (${error.message.slice(0, 200)})` : '';
    return HostSession.failed(new PopbiffError('HOST_NOT_FOUND', `${ERROR_TABLE.HOST_NOT_FOUND.message}${detail}`));
  }
}

/** Why the port closed, as a typed error: "not found" only if the host never said a word. */
export function disconnectError(reason: string | undefined, heardFromHost: boolean): PopbiffError {
  const detail = reason ? ` (${reason.slice(0, 200)})` : '';
  if (!heardFromHost && reason !== undefined && NOT_FOUND.test(reason)) {
    return new PopbiffError('HOST_NOT_FOUND', `${ERROR_TABLE.HOST_NOT_FOUND.message}${detail}`);
  }
  return new PopbiffError('HOST_DISCONNECTED', `${ERROR_TABLE.HOST_DISCONNECTED.message}${detail}`);
}

function invalidReply(what: string): PopbiffError {
  return new PopbiffError('INTERNAL', `The Popbiff host sent ${what} that does not match the protocol.`);
}

export class HostSession {
  private readonly pending = new Map<string, Pending>();
  private readonly chunks = new ChunkAssembler();
  private heardFromHost = false;
  private closedWith: PopbiffError | undefined;

  static failed(error: PopbiffError): HostSession {
    const session = new HostSession(undefined, { lastError: () => undefined });
    session.closedWith = error;
    return session;
  }

  constructor(
    private readonly port: NativePort | undefined,
    private readonly options: HostSessionOptions,
  ) {
    port?.onMessage.addListener((message) => this.onMessage(message));
    port?.onDisconnect.addListener((closed) => this.onDisconnect(closed));
  }

  request<T extends RequestType>(type: T, payload: PayloadOf<T>): Promise<ResultOf<T>> {
    if (this.closedWith || !this.port) return Promise.reject(this.closedWith ?? disconnectError(undefined, false));
    const id = this.options.newId?.() ?? crypto.randomUUID();
    const deadline = this.options.deadlines?.[type] ?? HOST_DEADLINES_MS[type];
    const port = this.port;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(
          id,
          new PopbiffError('HOST_TIMEOUT', `The Popbiff host did not answer "${type}" within ${deadline / 1000} s.`),
        );
      }, deadline);
      this.pending.set(id, { resolve, reject, timer });
      try {
        port.postMessage({ v: PROTOCOL_VERSION, id, type, payload });
      } catch (error) {
        this.settle(id, disconnectError(error instanceof Error ? error.message : undefined, this.heardFromHost));
      }
    }).then((raw) => parseResult(type, raw));
  }

  /** Ends the batch; anything still waiting fails (with `reason`, if given) rather than hanging. */
  close(reason?: PopbiffError): void {
    if (this.closedWith) return;
    this.closedWith = reason ?? new PopbiffError('HOST_DISCONNECTED', 'The connection to the Popbiff host was closed.');
    this.failAll(this.closedWith);
    this.port?.disconnect();
  }

  private onMessage(raw: unknown): void {
    this.heardFromHost = true;
    const parsed = ReplyEnvelope.safeParse(raw);
    if (!parsed.success) {
      this.failReply(idOf(raw), invalidReply('a message'));
      return;
    }
    const envelope = parsed.data;
    if (!('chunk' in envelope)) {
      this.onReply(envelope);
      return;
    }
    let whole: string | undefined;
    try {
      whole = this.chunks.add(envelope.id, envelope.chunk);
    } catch (error) {
      this.failReply(envelope.id, toPopbiffError(error));
      return;
    }
    if (whole !== undefined) this.onAssembled(envelope.id, whole);
  }

  private onAssembled(id: string, json: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      this.failReply(id, invalidReply('a chunked reply'));
      return;
    }
    const parsed = ReplyEnvelope.safeParse(raw);
    if (!parsed.success || 'chunk' in parsed.data || parsed.data.id !== id) {
      this.failReply(id, invalidReply('a chunked reply'));
      return;
    }
    this.onReply(parsed.data);
  }

  private onReply(reply: Reply): void {
    if (reply.v !== PROTOCOL_VERSION) {
      this.failReply(
        reply.id,
        new PopbiffError(
          'UNSUPPORTED_VERSION',
          `The host speaks protocol version ${reply.v}; this extension speaks ${PROTOCOL_VERSION}.`,
        ),
      );
      return;
    }
    const error = reply.ok
      ? undefined
      : new PopbiffError(reply.error.code, reply.error.message, reply.error.retryAfter, reply.error.certificate);
    // An empty id means the host could not read which request it was answering.
    if (reply.id === '' && error) {
      this.failAll(error);
      return;
    }
    if (!this.pending.has(reply.id)) return; // a late answer to a request that already timed out
    this.settle(reply.id, error ?? { result: reply.ok ? reply.result : undefined });
  }

  /** A broken reply fails its own request, or every request when we cannot tell whose it is. */
  private failReply(id: string | undefined, error: PopbiffError): void {
    if (id !== undefined && this.pending.has(id)) this.settle(id, error);
    else this.failAll(error);
  }

  private onDisconnect(port: NativePort): void {
    // Firefox puts the reason on the port; Chromium only in runtime.lastError, during this callback.
    const reason = port.error?.message ?? this.options.lastError();
    this.closedWith = disconnectError(reason, this.heardFromHost);
    this.failAll(this.closedWith);
  }

  private failAll(error: PopbiffError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, error);
  }

  private settle(id: string, outcome: PopbiffError | { result: unknown }): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (outcome instanceof PopbiffError) pending.reject(outcome);
    else pending.resolve(outcome.result);
  }
}

function parseResult<T extends RequestType>(type: T, raw: unknown): ResultOf<T> {
  const parsed = REQUESTS[type].result.safeParse(raw);
  if (!parsed.success) throw invalidReply(`a "${type}" result`);
  return parsed.data as ResultOf<T>;
}

function toPopbiffError(error: unknown): PopbiffError {
  return error instanceof PopbiffError ? error : new PopbiffError('INTERNAL');
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined;
  return typeof raw.id === 'string' ? raw.id : undefined;
}

/** Opens a host session for `use` and closes it afterwards, whether `use` succeeds or fails. */
export async function withHost<T>(
  ctx: { openHost: () => HostSession },
  use: (host: HostSession) => Promise<T>,
): Promise<T> {
  const host = ctx.openHost();
  try {
    return await use(host);
  } finally {
    host.close();
  }
}
