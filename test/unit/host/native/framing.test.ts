import { describe, expect, it } from 'vitest';
import { splitByEscapedBytes, splitReply } from '../../../../src/host/native/chunking';
import { FrameDecoder, encodeFrame } from '../../../../src/host/native/framing';
import { MAX_HOST_MESSAGE_BYTES, ReplyEnvelope } from '../../../../src/shared/protocol';

const header = { v: 1, id: 'req-1', hostVersion: '0.1.0' };

function rawFrame(body: Uint8Array): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(body.length, 0);
  return Buffer.concat([prefix, body]);
}

describe('FrameDecoder', () => {
  const messages = [{ type: 'hello' }, { text: 'ünïcødé ✉ 📬', n: 42 }, []];
  const stream = Buffer.concat(messages.map((m) => encodeFrame(JSON.stringify(m))));

  it('decodes three frames split at every possible point into the same messages', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new FrameDecoder();
      const frames = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(frames).toEqual(messages.map((value) => ({ kind: 'message', value })));
      expect(decoder.pendingBytes).toBe(0);
    }
  });

  it('decodes a stream fed one byte at a time', () => {
    const decoder = new FrameDecoder();
    const frames = [...stream].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
    expect(frames.map((f) => (f.kind === 'message' ? f.value : f))).toEqual(messages);
  });

  it('waits for the rest of a frame instead of guessing', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(stream.subarray(0, 6))).toEqual([]);
    expect(decoder.pendingBytes).toBe(6);
  });

  it('reports an oversize length once, then ignores everything after it', () => {
    const decoder = new FrameDecoder(100);
    const oversize = Buffer.alloc(4);
    oversize.writeUInt32LE(101, 0);
    const frames = decoder.push(Buffer.concat([encodeFrame('{"a":1}'), oversize, encodeFrame('{"b":2}')]));
    expect(frames).toEqual([
      { kind: 'message', value: { a: 1 } },
      { kind: 'oversize', declaredBytes: 101 },
    ]);
    expect(decoder.usable).toBe(false);
    expect(decoder.push(encodeFrame('{"c":3}'))).toEqual([]);
  });

  it('accepts a frame of exactly the limit', () => {
    const body = `"${'x'.repeat(98)}"`;
    expect(new FrameDecoder(100).push(encodeFrame(body))).toEqual([{ kind: 'message', value: 'x'.repeat(98) }]);
  });

  it('flags bad JSON and bad UTF-8 but keeps decoding the frames after them', () => {
    const decoder = new FrameDecoder();
    const frames = decoder.push(
      Buffer.concat([
        rawFrame(Buffer.from('{not json')),
        rawFrame(Uint8Array.of(0x22, 0xc3, 0x28, 0x22)),
        encodeFrame('{"ok":1}'),
      ]),
    );
    expect(frames).toEqual([
      { kind: 'invalid', reason: 'The message is not valid JSON.' },
      { kind: 'invalid', reason: 'The message is not valid UTF-8.' },
      { kind: 'message', value: { ok: 1 } },
    ]);
    expect(decoder.usable).toBe(true);
  });

  it('writes the length little-endian, in bytes rather than characters', () => {
    const frame = encodeFrame('"é"');
    expect([...frame.subarray(0, 4)]).toEqual([4, 0, 0, 0]);
  });
});

describe('splitReply', () => {
  it('sends a reply that fits as it is', () => {
    const json = JSON.stringify({ ...header, ok: true, result: { done: true } });
    expect(splitReply(json, header)).toEqual([json]);
  });

  it('chunks a 3 MB reply into frames of at most 1 MiB that reassemble exactly', () => {
    // Quotes and backslashes double when escaped; multi-byte and astral characters count in bytes.
    const subjects = Array.from({ length: 6000 }, (_, i) => `Ré: "quoted" \\ path ${i} 📬 ${'ü✉'.repeat(100)}\n`);
    const json = JSON.stringify({ ...header, ok: true, result: { subjects } });
    expect(Buffer.byteLength(json)).toBeGreaterThan(3_000_000);

    const frames = splitReply(json, header);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    for (const frame of frames) expect(Buffer.byteLength(frame, 'utf8')).toBeLessThanOrEqual(MAX_HOST_MESSAGE_BYTES);

    const chunks = frames.map((frame) => {
      const envelope = ReplyEnvelope.parse(JSON.parse(frame));
      if (!('chunk' in envelope)) throw new Error('expected a chunk envelope');
      expect(envelope.id).toBe('req-1');
      return envelope.chunk;
    });
    expect(chunks.map((c) => c.index)).toEqual(frames.map((_, i) => i));
    expect(new Set(chunks.map((c) => c.count))).toEqual(new Set([frames.length]));
    expect(chunks.map((c) => c.data).join('')).toBe(json);
  });

  it('never splits a surrogate pair and never exceeds the byte budget', () => {
    const text = `a"${'📬'.repeat(50)}\u0001é`;
    for (let budget = 6; budget <= 40; budget++) {
      const pieces = splitByEscapedBytes(text, budget);
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) {
        expect(Buffer.byteLength(JSON.stringify(piece)) - 2).toBeLessThanOrEqual(budget);
        expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(piece)).toBe(false);
      }
    }
  });

  it('refuses a reply that would need more than 64 chunks', () => {
    const json = JSON.stringify({ ...header, ok: true, result: 'x'.repeat(70 * 1000) });
    expect(() => splitReply(json, header, 1000)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
  });
});
