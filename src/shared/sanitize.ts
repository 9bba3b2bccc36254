/**
 * The one sanitiser for text that strangers wrote — a mail's headers and body, a server's
 * greeting, capabilities and replies, a downloaded file — before it reaches a terminal, a
 * notification or the UI. Pure; host, background and pages use the same functions.
 *
 * - `cleanLine(text)`: one line. Control characters (C0, DEL, C1: ESC and CSI start terminal
 *   escape sequences that retitle or clear a terminal) become spaces; bidirectional controls and
 *   zero-width characters go (they can reverse or hide text: "Trojan Source"); runs of white
 *   space become one space; trimmed. No length cap.
 * - `cleanLines(text)`: the same for several lines (a body): keeps line feeds and tabs,
 *   normalises CR LF, drops spaces at line ends, keeps at most one blank line in a row.
 * - `displayText(text, max)` / `displayBody(text, max)`: the above, cut to `max` code points
 *   with "…" when cut (for what a person reads).
 *
 * Right-to-left letters stay: Arabic or Hebrew subjects must read correctly. Markup is not this
 * module's job (Preact escapes it; a terminal shows it as text).
 */

/** C0 and C1 controls and DEL; tabs and line breaks count too (they become spaces). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** As CONTROLS, but tab and line feed stay (multi-line text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the implicit marks
 * (LRM, RLM, ALM U+061C), zero-width characters (U+200B–U+200D, U+2060–U+2065) and the BOM.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Longest text the popup renders for one field; CSS ellipsis shortens it further on screen. */
export const DISPLAY_CAP = 300;

export function cleanLine(raw: string): string {
  return raw.replace(CONTROLS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

export function cleanLines(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS_BUT_LINES, '')
    .replace(INVISIBLE, '')
    .split('\n')
    .map(trimLineEnd)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Spaces at the end of a line go. A loop, not `/[ \t]+\n/`: on a long run of spaces with no line
 * break that regex retries from every space (quadratic; 240 KB of spaces took minutes).
 */
function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0 && ' \t\u00a0'.includes(line[end - 1] ?? '')) end--;
  return line.slice(0, end);
}

export function displayText(raw: string, max: number = DISPLAY_CAP): string {
  return truncate(cleanLine(raw), max);
}

/** A message body's first lines as the host sent them (already plain text), at most `max` code points. */
export function displayBody(raw: string, max = 4000): string {
  return truncate(cleanLines(raw), max);
}

/** Cuts at a code point boundary (never halving a surrogate pair) and marks the cut. */
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}
