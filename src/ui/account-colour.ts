/**
 * A stable colour per account, derived from its id (the Account schema has no colour field):
 * the same account keeps its colour across sessions and pages. FNV-1a spreads similar ids
 * ("acc-1", "acc-2") over distant hues.
 */
export function accountHue(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}

/** Mid lightness and saturation read on both the light and the dark theme. */
export const accountColour = (id: string): string => `hsl(${accountHue(id)} 65% 50%)`;
