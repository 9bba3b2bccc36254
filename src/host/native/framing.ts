import { MAX_EXTENSION_MESSAGE_BYTES } from '../../shared/protocol';

/**
 * Native-messaging framing: each message is a 4-byte length in native byte order (little-endian
 * on every platform the browsers support) followed by that many bytes of UTF-8 JSON.
 * This module only frames; it knows nothing of requests or replies.
 */

const HEADER_BYTES = 4;

export type DecodedFrame =
  /** A well-framed message holding valid UTF-8 JSON. */
  | { kind: 'message'; value: unknown }
  /** A well-framed message whose body is not UTF-8 JSON; framing is intact, keep reading. */
  | { kind: 'invalid'; reason: string }
  /** The length prefix is beyond the limit: framing is lost and nothing after it can be trusted. */
  | { kind: 'oversize'; declaredBytes: number };

/** Incremental decoder: push chunks split anywhere, get whole frames back. Pure, no I/O. */
export class FrameDecoder {
  private buffered: Buffer = Buffer.alloc(0);
  private lost = false;

  constructor(private readonly maxBytes: number = MAX_EXTENSION_MESSAGE_BYTES) {}

  /** False once an oversize length was seen; the decoder then ignores all further input. */
  get usable(): boolean {
    return !this.lost;
  }

  push(chunk: Uint8Array): DecodedFrame[] {
    if (this.lost) return [];
    this.buffered = this.buffered.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffered, chunk]);
    const frames: DecodedFrame[] = [];
    while (this.buffered.length >= HEADER_BYTES) {
      const declared = this.buffered.readUInt32LE(0);
      if (declared > this.maxBytes) {
        this.lost = true;
        this.buffered = Buffer.alloc(0);
        frames.push({ kind: 'oversize', declaredBytes: declared });
        return frames;
      }
      if (this.buffered.length < HEADER_BYTES + declared) break;
      const body = this.buffered.subarray(HEADER_BYTES, HEADER_BYTES + declared);
      this.buffered = this.buffered.subarray(HEADER_BYTES + declared);
      frames.push(parseBody(body));
    }
    return frames;
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get pendingBytes(): number {
    return this.buffered.length;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseBody(body: Uint8Array): DecodedFrame {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { kind: 'invalid', reason: 'The message is not valid UTF-8.' };
  }
  try {
    return { kind: 'message', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', reason: 'The message is not valid JSON.' };
  }
}

/** One frame: the length prefix and the UTF-8 bytes of `json` (already serialised). */
export function encodeFrame(json: string): Buffer {
  const body = Buffer.from(json, 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}
