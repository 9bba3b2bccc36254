import type { Account, AccountColor } from '../shared/account';

/**
 * The shade of each palette name: every one has at least 3:1 contrast against both the light
 * (#ffffff) and the dark (#1c1f23) page background (WCAG 1.4.11), so a dot never disappears.
 */
export const ACCOUNT_COLOURS: Record<AccountColor, string> = {
  blue: '#2f7ef5',
  green: '#1a8a4a',
  orange: '#c2660a',
  red: '#dc2626',
  purple: '#9333ea',
  teal: '#0f8a8a',
  pink: '#db2777',
  grey: '#7b828b',
};

/**
 * A stable colour per account, derived from its id, for accounts without a chosen colour: the
 * same account keeps its colour across sessions and pages. FNV-1a spreads similar ids
 * ("acc-1", "acc-2") over distant hues.
 */
function accountHue(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}

/** Mid lightness and saturation read on both the light and the dark theme. */
export const derivedColour = (id: string): string => `hsl(${accountHue(id)} 65% 50%)`;

/** The colour the user chose for the account, else the one derived from its id. */
export const accountColour = (account: Pick<Account, 'id' | 'color'>): string =>
  account.color === undefined ? derivedColour(account.id) : ACCOUNT_COLOURS[account.color];
