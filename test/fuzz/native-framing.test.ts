/**
 * Fuzzing the native-messaging framing reader: whatever bytes arrive on stdin, in whatever
 * chunks, the decoder never throws, never returns a frame above its cap, and stops for good
 * after an oversize length; well-formed frames round-trip however they are split.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../src/host/native/framing';
import { FUZZ_TIMEOUT_MS, fuzzOptions, splitAt } from '../helpers/fuzz';

const MAX = 4096;

describe('fuzz: native framing', () => {
  it(
    'arbitrary bytes in arbitrary chunks: no exception, frames within the cap, nothing after an oversize length',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 12 }), (bytes, cuts) => {
          const decoder = new FrameDecoder(MAX);
          let lost = false;
          for (const chunk of splitAt(bytes, cuts)) {
            const frames = decoder.push(chunk);
            if (lost) expect(frames).toEqual([]);
            for (const frame of frames) {
              expect(['message', 'invalid', 'oversize']).toContain(frame.kind);
              if (frame.kind === 'oversize') {
                expect(frame.declaredBytes).toBeGreaterThan(MAX);
                lost = true;
              }
            }
          }
          expect(decoder.usable).toBe(!lost);
        }),
        fuzzOptions,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'JSON values framed back to back come out equal, however the stream is split',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
          fc.array(fc.nat(), { maxLength: 12 }),
          (values, cuts) => {
            const stream = Buffer.concat(values.map((value) => encodeFrame(JSON.stringify(value))));
            const decoder = new FrameDecoder(1024 * 1024);
            const frames = splitAt(stream, cuts).flatMap((chunk) => decoder.push(chunk));
            // JSON has no -0: the round trip turns it into 0, as JSON.parse(JSON.stringify()) does.
            expect(frames).toEqual(
              values.map((value) => ({ kind: 'message', value: JSON.parse(JSON.stringify(value)) })),
            );
          },
        ),
        fuzzOptions,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
