import { describe, expect, it } from 'vitest';
import { AccountColor } from '../../../src/shared/account';
import { ACCOUNT_COLOURS, accountColour, derivedColour } from '../../../src/ui/account-colour';
import { contrastRatio } from '../../helpers/contrast';

/** The page backgrounds of the light and the dark theme (src/ui/base.css, --bg). */
const LIGHT = '#ffffff';
const DARK = '#1c1f23';

describe('account colours', () => {
  it.each(AccountColor.options)('%s stands out on the light and the dark theme (at least 3:1)', (name) => {
    expect(contrastRatio(ACCOUNT_COLOURS[name], LIGHT)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(ACCOUNT_COLOURS[name], DARK)).toBeGreaterThanOrEqual(3);
  });

  it('gives every palette name its own shade', () => {
    expect(new Set(Object.values(ACCOUNT_COLOURS)).size).toBe(AccountColor.options.length);
  });

  it('uses the chosen colour, else the one derived from the id', () => {
    expect(accountColour({ id: 'acc-1', color: 'purple' })).toBe(ACCOUNT_COLOURS.purple);
    expect(accountColour({ id: 'acc-1' })).toBe(derivedColour('acc-1'));
    expect(derivedColour('acc-1')).toBe(derivedColour('acc-1'));
    expect(derivedColour('acc-1')).not.toBe(derivedColour('acc-2'));
  });
});
