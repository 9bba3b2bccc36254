/**
 * Makes untrusted header text safe to show as one line of text. Preact already escapes markup;
 * this removes what escaping does not: control characters (which can break the layout) and
 * bidirectional controls (which can reverse how a sender or subject reads, e.g. to disguise
 * "exe.pdf" as "fdp.exe" — the "Trojan Source" trick).
 */

/** C0 and C1 controls and DEL; tabs and line breaks count too (they become spaces). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the implicit marks
 * (LRM, RLM, ALM) and zero-width characters that hide text. Right-to-left letters themselves
 * stay: Arabic or Hebrew subjects must read correctly.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Longest text the popup renders for one field; CSS ellipsis shortens it further on screen. */
export const DISPLAY_CAP = 300;

export function displayText(raw: string, max: number = DISPLAY_CAP): string {
  const cleaned = raw.replace(CONTROLS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  return truncate(cleaned, max);
}

/** Cuts at a code point boundary (never halving a surrogate pair) and marks the cut. */
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Controls other than tab and line feed: a body keeps its lines, nothing else invisible. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const BODY_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * A message body's first lines as the host sent them (already plain text): kept multi-line,
 * without controls or bidi tricks, at most `max` code points.
 */
export function displayBody(raw: string, max = 4000): string {
  const cleaned = raw
    .replace(/\r\n?/g, '\n')
    .replace(BODY_CONTROLS, '')
    .replace(INVISIBLE, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return truncate(cleaned, max);
}
