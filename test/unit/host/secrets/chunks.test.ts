import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_HEADER, chunkHeader, partCount, splitSecret } from '../../../../src/host/secrets/chunks';

describe('splitting secrets for size-limited keyrings', () => {
  it('keeps a secret that fits as it is', () => {
    expect(splitSecret('hunter2', 2560)).toEqual(['hunter2']);
  });

  it('splits at 1,280 UTF-16 units for the 2,560-byte Windows limit', () => {
    const parts = splitSecret('a'.repeat(3000), 2560);
    expect(parts.map((part) => part.length)).toEqual([1280, 1280, 440]);
  });

  it('never cuts a surrogate pair in half', () => {
    const parts = splitSecret(`${'a'.repeat(3)}𝄞bc`, 8);
    expect(parts).toEqual(['aaa', '𝄞bc']);
  });

  it('tells a part header from a secret', () => {
    expect(partCount(chunkHeader(3))).toBe(3);
    expect(partCount('hunter2')).toBeUndefined();
    expect(partCount(`${CHUNK_HEADER}999`)).toBeUndefined();
  });

  it('joins back to the original for any secret and limit, each part within the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 4, max: 64 }),
        (secret, maxBytes) => {
          const parts = splitSecret(secret, maxBytes);
          expect(parts.join('')).toBe(secret);
          if (parts.length > 1) for (const part of parts) expect(part.length * 2).toBeLessThanOrEqual(maxBytes);
        },
      ),
    );
  });
});
