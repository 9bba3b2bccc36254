/**
 * Draws the toolbar icons (icons/popbiff-{16,32,48,128}.png): a white envelope on a blue
 * rounded tile with a dark rim, so it reads on light and dark toolbars alike. Run with
 * `npx tsx scripts/make-icons.ts`; the PNGs are committed, so the build needs nothing of this.
 *
 * Shapes are signed-distance functions on the unit square, sampled SS×SS times per pixel for
 * anti-aliasing; the PNG encoder below is the minimum of the PNG spec (RFC 2083).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const SIZES = [16, 32, 48, 128] as const;
const SS = 8;

const RIM: Rgba = [12, 44, 110, 255];
const TILE: Rgba = [37, 99, 235, 255];
const PAPER: Rgba = [255, 255, 255, 255];
const FOLD: Rgba = [24, 72, 170, 255];

/** Distance to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRect(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const dx = Math.abs(x - cx) - (hw - r);
  const dy = Math.abs(y - cy) - (hh - r);
  const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
  return outside + Math.min(Math.max(dx, dy), 0) - r;
}

/** Distance to the segment from (ax, ay) to (bx, by). */
function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const [px, py, vx, vy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.min(1, Math.max(0, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - t * vx, py - t * vy);
}

/** The colour at one point of the unit square, painting back to front. */
function paint(x: number, y: number): Rgba {
  const transparent: Rgba = [0, 0, 0, 0];
  const tile = roundedRect(x, y, 0.5, 0.5, 0.47, 0.47, 0.2);
  if (tile > 0) return transparent;
  if (tile > -0.045) return RIM;
  const envelope = roundedRect(x, y, 0.5, 0.52, 0.31, 0.22, 0.04);
  if (envelope > 0) return TILE;
  // The flap: a V from the top corners to just below the middle.
  const flap = Math.min(segment(x, y, 0.21, 0.33, 0.5, 0.56), segment(x, y, 0.79, 0.33, 0.5, 0.56));
  return flap < 0.035 ? FOLD : PAPER;
}

function render(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [red, green, blue, opacity] = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const [r, g, b, a] = paint((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size);
          // Premultiply, so transparent samples do not darken the edge.
          red += (r * a) / 255;
          green += (g * a) / 255;
          blue += (b * a) / 255;
          opacity += a;
        }
      }
      const alpha = opacity / (SS * SS);
      const offset = (py * size + px) * 4;
      const channel = (premultiplied: number) =>
        alpha === 0 ? 0 : Math.round((premultiplied / (SS * SS)) * (255 / alpha));
      pixels.set([channel(red), channel(green), channel(blue)], offset);
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG uses it (ISO 3309, RFC 2083 §15). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG: signature, IHDR, one IDAT (filter 0 on every row), IEND. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter set 0, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

function main(): void {
  const dir = resolve(import.meta.dirname, '..', 'icons');
  for (const size of SIZES) {
    writeFileSync(resolve(dir, `popbiff-${size}.png`), encodePng(size, size, render(size)));
  }
  console.error(`wrote ${SIZES.map((size) => `popbiff-${size}.png`).join(', ')} to icons/`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
