import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISPLAY_CAP, displayText, truncate } from '../../../src/ui/sanitize';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

describe('displayText', () => {
  it('turns line breaks and tabs into single spaces', () => {
    expect(displayText('Hello\r\n\tworld  \n')).toBe('Hello world');
  });

  it('removes a right-to-left override that would disguise a file name', () => {
    expect(displayText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('removes isolates, marks and zero-width characters', () => {
    expect(displayText('a\u2066b\u2069c\u200Bd\u200Fe\uFEFF')).toBe('abcde');
  });

  it('keeps Arabic and Hebrew letters and emoji', () => {
    expect(displayText('مرحبا שלום 👋')).toBe('مرحبا שלום 👋');
  });

  it('keeps markup characters: escaping them is the renderer’s job', () => {
    expect(displayText('<b>&amp;</b>')).toBe('<b>&amp;</b>');
  });

  it('caps long text at the display cap with an ellipsis', () => {
    const shown = displayText('y'.repeat(DISPLAY_CAP * 3));
    expect(shown).toHaveLength(DISPLAY_CAP);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('never contains a control or bidi character and never exceeds the cap (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), fc.integer({ min: 1, max: 400 }), (raw, max) => {
        const shown = displayText(raw, max);
        expect(UNSAFE.test(shown)).toBe(false);
        expect(Array.from(shown).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('truncate', () => {
  it('never splits a surrogate pair', () => {
    const shown = truncate('😀'.repeat(10), 4);
    expect(shown).toBe('😀😀😀…');
  });

  it('leaves text that fits untouched', () => {
    expect(truncate('short', 5)).toBe('short');
  });
});
