import { PopbiffError } from '../../shared/errors';
import { MAX_HOST_MESSAGE_BYTES } from '../../shared/protocol';

/**
 * Splits a reply too large for one native message into chunk envelopes (ReplyEnvelope's third
 * form). Chromium kills the port on a host message above MAX_HOST_MESSAGE_BYTES of JSON, so every
 * chunk is measured in UTF-8 bytes after JSON escaping, envelope included.
 */

export interface ReplyHeader {
  v: number;
  id: string;
  hostVersion: string;
}

/** The schema allows at most this many chunks (64 MiB), far above any real reply. */
const MAX_CHUNKS = 64;

/** The JSON messages to send for one reply: the reply itself if it fits, else its chunks. */
export function splitReply(replyJson: string, header: ReplyHeader, maxBytes = MAX_HOST_MESSAGE_BYTES): string[] {
  if (Buffer.byteLength(replyJson, 'utf8') <= maxBytes) return [replyJson];
  // Two-digit index and count are the widest the schema allows, so this overhead is an upper bound.
  const overhead = Buffer.byteLength(chunkJson(header, MAX_CHUNKS - 1, MAX_CHUNKS, ''), 'utf8');
  const pieces = splitByEscapedBytes(replyJson, maxBytes - overhead);
  if (pieces.length > MAX_CHUNKS) {
    throw new PopbiffError('LIMIT_EXCEEDED', `The reply is too large to send (${pieces.length} chunks).`);
  }
  return pieces.map((data, index) => chunkJson(header, index, pieces.length, data));
}

function chunkJson(header: ReplyHeader, index: number, count: number, data: string): string {
  return JSON.stringify({ v: header.v, id: header.id, hostVersion: header.hostVersion, chunk: { index, count, data } });
}

/** Cuts `text` into pieces whose JSON string encoding (without quotes) is at most `budget` bytes. */
export function splitByEscapedBytes(text: string, budget: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let used = 0;
  let i = 0;
  while (i < text.length) {
    const width = isSurrogatePair(text, i) ? 2 : 1;
    const cost = escapedBytes(text, i, width);
    if (used + cost > budget) {
      pieces.push(text.slice(start, i));
      start = i;
      used = 0;
    }
    used += cost;
    i += width;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function isSurrogatePair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** Bytes JSON.stringify spends on the code point at `i` (ECMA-262 QuoteJSONString), as UTF-8. */
function escapedBytes(text: string, i: number, width: number): number {
  if (width === 2) return 4;
  const c = text.charCodeAt(i);
  if (c === 0x22 || c === 0x5c) return 2; // \" and \\
  if (c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) return 2; // \b \t \n \f \r
  if (c < 0x20) return 6; // \u00XX
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdfff) return 6; // a lone surrogate is written as \uDXXX
  return 3;
}
