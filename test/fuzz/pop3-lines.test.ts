/**
 * Fuzzing the POP3 line reader and multi-line parser: whatever a server sends, split however,
 * lines never exceed the cap and never hold a line feed, the only exception is a typed
 * LIMIT_EXCEEDED, and a dot-stuffed reply comes back as the lines that were stuffed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineReader, MultilineCollector } from '../../src/host/pop3/line-reader';
import { PopbiffError } from '../../src/shared/errors';
import { FUZZ_TIMEOUT_MS, fuzzOptions, splitAt, typedOutcome } from '../helpers/fuzz';

/** Bytes with many CR, LF and dots, where the line reader's edge cases are. */
const serverBytes = fc
  .array(fc.oneof(fc.constantFrom(0x0d, 0x0a, 0x2e), fc.integer({ min: 0, max: 255 })), { maxLength: 2000 })
  .map((bytes) => Uint8Array.from(bytes));

describe('fuzz: POP3 line reader', () => {
  it(
    'arbitrary server bytes: lines within the cap and without LF, or a typed LIMIT_EXCEEDED',
    () => {
      fc.assert(
        fc.property(
          serverBytes,
          fc.array(fc.nat(), { maxLength: 10 }),
          fc.integer({ min: 1, max: 300 }),
          (bytes, cuts, max) => {
            const reader = new LineReader();
            for (const chunk of splitAt(bytes, cuts)) {
              reader.push(chunk);
              for (;;) {
                const line = typedOutcome(() => reader.nextLine(max));
                if (line instanceof PopbiffError) {
                  expect(line.code).toBe('LIMIT_EXCEEDED');
                  return;
                }
                if (line === undefined) break;
                expect(line.length).toBeLessThanOrEqual(max);
                expect(line.includes(0x0a)).toBe(false);
              }
            }
          },
        ),
        fuzzOptions,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'a dot-stuffed reply of arbitrary lines comes back unstuffed, within its caps, or a typed LIMIT_EXCEEDED',
    () => {
      const line = fc
        .uint8Array({ maxLength: 80 })
        .map((bytes) => Buffer.from(bytes.filter((b) => b !== 0x0a && b !== 0x0d)));
      fc.assert(
        fc.property(fc.array(line, { maxLength: 40 }), fc.integer({ min: 0, max: 2000 }), (lines, keep) => {
          const collector = new MultilineCollector(1500, keep);
          const stuffed = lines.map((l) => (l[0] === 0x2e ? Buffer.concat([Buffer.from('.'), l]) : l));
          let done = false;
          for (const l of [...stuffed, Buffer.from('.')]) {
            const outcome = typedOutcome(() => collector.add(l));
            if (outcome instanceof PopbiffError) {
              expect(outcome.code).toBe('LIMIT_EXCEEDED');
              return;
            }
            done = outcome;
          }
          expect(done).toBe(true);
          const kept = collector.lines.reduce((sum, l) => sum + l.length + 2, 0);
          expect(kept).toBeLessThanOrEqual(Math.min(keep, 1500));
          if (!collector.truncated) expect(collector.lines).toEqual(lines);
        }),
        fuzzOptions,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
