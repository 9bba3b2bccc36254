import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetUiLanguage } from '../../../src/ui/i18n';
import { pluralCategory } from '../../../src/shared/plural';
import { plural } from '../../../src/ui/plural';
import fakeBrowser, { getMessage, useLanguage } from '../../helpers/ui-fake-browser';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

function speak(language: string): void {
  useLanguage(language);
  resetUiLanguage();
}

afterEach(() => speak('en'));

describe('counted texts', () => {
  it('say one message and two messages in English', () => {
    expect(plural('popup_onServer', 1)).toBe('1 message on the server');
    expect(plural('popup_onServer', 2)).toBe('2 messages on the server');
    expect(plural('popup_onServer', 0)).toBe('0 messages on the server');
  });

  it('use all four Russian forms: 1 and 21 one, 2–4 few, 5–20 and 11 many, fractions other', () => {
    speak('ru');
    expect(pluralCategory(21, 'ru')).toBe('one');
    const forms = [1, 21, 3, 5, 11, 1.5].map((count) => plural('popup_onServer', count));
    expect(forms).toEqual([
      '1 письмо на сервере',
      '21 письмо на сервере',
      '3 письма на сервере',
      '5 писем на сервере',
      '11 писем на сервере',
      '1,5 письма на сервере',
    ]);
  });

  it('give French its "de" form for a million, with the number written the French way', () => {
    speak('fr');
    expect(pluralCategory(1_000_000, 'fr')).toBe('many');
    expect(plural('popup_onServer', 1_000_000)).toBe('1\u202f000\u202f000 de messages sur le serveur');
    expect(plural('popup_onServer', 0)).toBe('0 message sur le serveur');
    expect(plural('popup_onServer', 2)).toBe('2 messages sur le serveur');
  });

  it('agree with the number given as the count when the text holds two numbers', () => {
    expect(plural('rules_wouldMatch', 1, [0, 1])).toBe('Would match 0 of 1 current message');
    expect(plural('rules_wouldMatch', 5, [1, 5])).toBe('Would match 1 of the 5 current messages');
    speak('ru');
    expect(plural('rules_wouldMatch', 5, [1, 5])).toMatch(/^.* 1 из 5 текущих писем$/);
  });

  it('use the other form when the catalog lacks the exact one, rather than show a key', () => {
    speak('ru');
    // A catalog without the "many" form: the browser answers '' for it, as for any missing key.
    const mocked = vi.mocked(fakeBrowser.i18n.getMessage);
    mocked.mockImplementation((key, substitutions) =>
      key === 'popup_onServer_many' ? '' : getMessage(key, substitutions),
    );
    try {
      expect(plural('popup_onServer', 5)).toBe('5 письма на сервере');
      expect(mocked).toHaveBeenCalledWith('popup_onServer_many', ['5']);
    } finally {
      mocked.mockImplementation(getMessage);
    }
  });
});
