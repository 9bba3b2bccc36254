import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { type ErrorInfo, PopbiffError, toErrorInfo } from '../../shared/errors';
import {
  MAX_EXTENSION_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  REQUESTS,
  RequestEnvelope,
  type RequestType,
} from '../../shared/protocol';
import { POPBIFF_VERSION } from '../../shared/version';
import type { Logger } from '../log';
import { splitReply } from './chunking';
import { type DecodedFrame, FrameDecoder, encodeFrame } from './framing';
import type { Handler, HandlerTable } from './handlers';

/**
 * The native-messaging loop: frames in on `input`, replies out on `output` (nothing else is ever
 * written there). Requests run concurrently, so one port can carry a whole batch of checks;
 * each reply is written whole (all its chunks back to back) as soon as it is ready.
 */
export interface ServeOptions {
  input: Readable;
  output: Writable;
  handlers: HandlerTable;
  /** False when the caller is not one of our extensions: every request gets FORBIDDEN_ORIGIN. */
  allowed: boolean;
  log: Pick<Logger, 'info' | 'error'>;
}

type Reply = { id: string; ok: true; result: unknown } | { id: string; ok: false; error: ErrorInfo };

/** Resolves when the input has ended (or framing was lost) and every reply has been written. */
export async function serve(options: ServeOptions): Promise<void> {
  const decoder = new FrameDecoder(MAX_EXTENSION_MESSAGE_BYTES);
  const pending = new Set<Promise<void>>();
  const send = (reply: Reply) => writeReply(options, reply);

  for await (const chunk of options.input as AsyncIterable<Buffer>) {
    for (const frame of decoder.push(chunk)) {
      const done: Promise<void> = onFrame(frame, options)
        .then(send)
        .catch((error: unknown) => options.log.error('could not send a reply', error))
        .finally(() => pending.delete(done));
      pending.add(done);
    }
    // A broken length prefix means we no longer know where messages start: stop reading.
    if (!decoder.usable) break;
  }
  await Promise.all(pending);
  if (options.output.writableNeedDrain) await once(options.output, 'drain');
}

async function onFrame(frame: DecodedFrame, options: ServeOptions): Promise<Reply> {
  if (frame.kind === 'oversize') {
    options.log.error(`request of ${frame.declaredBytes} bytes refused; framing lost, no longer reading`);
    const limit = `${MAX_EXTENSION_MESSAGE_BYTES} bytes`;
    return failure('', 'BAD_REQUEST', `A request of ${frame.declaredBytes} bytes exceeds the ${limit} limit.`);
  }
  if (!options.allowed) return failure(frame.kind === 'message' ? readableId(frame.value) : '', 'FORBIDDEN_ORIGIN');
  if (frame.kind === 'invalid') return failure('', 'BAD_REQUEST', frame.reason);
  return handleRequest(frame.value, options);
}

async function handleRequest(value: unknown, options: ServeOptions): Promise<Reply> {
  const envelope = RequestEnvelope.safeParse(value);
  if (!envelope.success)
    return failure(readableId(value), 'BAD_REQUEST', `Invalid envelope: ${describeIssues(envelope.error.issues)}`);
  const { id, v, type, payload } = envelope.data;
  if (v !== PROTOCOL_VERSION) {
    return failure(
      id,
      'UNSUPPORTED_VERSION',
      `The host speaks protocol version ${PROTOCOL_VERSION}; the request used ${v}.`,
    );
  }
  // A type this host does not know is, in practice, a newer extension talking to an older host.
  if (!isRequestType(type))
    return failure(
      id,
      'HOST_OUTDATED',
      `This host (${POPBIFF_VERSION}) does not know "${type.slice(0, 64)}" requests.`,
    );
  options.log.info(`request ${id} ${type}`);
  try {
    const result = await dispatch(type, payload, options.handlers);
    return { id, ok: true, result };
  } catch (error) {
    if (!(error instanceof PopbiffError)) options.log.error(`request ${id} ${type} failed unexpectedly`, error);
    const info = toErrorInfo(error);
    options.log.info(`request ${id} ${type} -> ${info.code}`);
    return { id, ok: false, error: info };
  }
}

async function dispatch<T extends RequestType>(type: T, payload: unknown, handlers: HandlerTable): Promise<unknown> {
  const spec = REQUESTS[type];
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success)
    throw new PopbiffError('BAD_REQUEST', `Invalid ${type} payload: ${describeIssues(parsed.error.issues)}`);
  const handler = handlers[type] as Handler<T>;
  const result = await handler(parsed.data as Parameters<Handler<T>>[0]);
  // Our own replies obey the contract too; a mismatch is a host bug, not the caller's.
  const checked = spec.result.safeParse(result);
  if (!checked.success) throw new Error(`${type} result breaks the contract: ${describeIssues(checked.error.issues)}`);
  return checked.data;
}

function isRequestType(type: string): type is RequestType {
  return Object.hasOwn(REQUESTS, type);
}

/** Zod issues as "path: message; ..." — zod's messages name the field, never the value. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function readableId(value: unknown): string {
  if (typeof value !== 'object' || value === null || !('id' in value)) return '';
  const { id } = value;
  return typeof id === 'string' && id.length <= 64 ? id : '';
}

function failure(id: string, code: ErrorInfo['code'], message?: string): Reply {
  return { id, ok: false, error: new PopbiffError(code, message?.slice(0, 1000)).toInfo() };
}

function writeReply(options: ServeOptions, reply: Reply): void {
  const header = { v: PROTOCOL_VERSION, id: reply.id, hostVersion: POPBIFF_VERSION };
  const json = JSON.stringify({ ...header, ...reply });
  let frames: string[];
  try {
    frames = splitReply(json, header);
  } catch (error) {
    const info = toErrorInfo(error);
    frames = [JSON.stringify({ ...header, ok: false, error: info })];
  }
  // Written in one synchronous run so the chunks of one reply are never interleaved with another.
  for (const frame of frames) options.output.write(encodeFrame(frame));
}
