import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '../../scripts/make-icons';

const ICONS = resolve(import.meta.dirname, '../../icons');

/** Walks a PNG's chunks, checking each CRC, and returns them by type. */
function chunks(png: Buffer): Map<string, Buffer[]> {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const found = new Map<string, Buffer[]>();
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    found.set(type, [...(found.get(type) ?? []), data]);
    offset += 12 + length;
  }
  return found;
}

describe('the PNG encoder of make-icons', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes IHDR, IDAT and IEND that decode back to the pixels', () => {
    const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const found = chunks(encodePng(3, 2, pixels));
    expect([...found.keys()]).toEqual(['IHDR', 'IDAT', 'IEND']);
    const rows = inflateSync(Buffer.concat(found.get('IDAT') ?? []));
    const stripped = [...rows].filter((_, i) => i % 13 !== 0);
    expect(stripped).toEqual([...pixels]);
  });
});

describe('the committed toolbar icons', () => {
  it.each([16, 32, 48, 128])(
    'popbiff-%i.png is a valid RGBA PNG of that size, opaque in the middle and clear in the corner',
    (size) => {
      const found = chunks(readFileSync(resolve(ICONS, `popbiff-${size}.png`)));
      const header = found.get('IHDR')?.[0];
      expect(header?.readUInt32BE(0)).toBe(size);
      expect(header?.readUInt32BE(4)).toBe(size);
      expect([header?.[8], header?.[9]]).toEqual([8, 6]);
      const rows = inflateSync(Buffer.concat(found.get('IDAT') ?? []));
      const alphaAt = (x: number, y: number) => rows[y * (size * 4 + 1) + 1 + x * 4 + 3];
      expect(alphaAt(0, 0)).toBe(0);
      expect(alphaAt(size / 2, size / 2)).toBe(255);
    },
  );
});
