import { describe, expect, it, vi } from 'vitest';
import { catalogTexts } from '../../helpers/ui-fake-browser';
import { STATE_VERSION, type AccountState, type ExtensionState } from '../../../src/storage/account-state';
import { EMPTY_ACCOUNT_STATE } from '../../../src/storage/empty-state';
import { BADGE_COLORS, badgeView, countText, showBadge } from '../../../src/background/badge';
import { BadgeColors } from '../../../src/storage/settings';
import { contrastRatio } from '../../helpers/contrast';
import { sampleAccount, sampleSettings } from '../../helpers/fake-browser';

const english = catalogTexts('en');

const state = (accounts: Record<string, Partial<AccountState>>): ExtensionState => ({
  version: STATE_VERSION,
  accounts: Object.fromEntries(
    Object.entries(accounts).map(([id, s]) => [id, { ...EMPTY_ACCOUNT_STATE, lastCheckAt: 1, ...s }]),
  ),
});

const work = sampleAccount('work');
const home = sampleAccount('home');

describe('badge', () => {
  it('shows the total unseen over enabled accounts in the mail colour', () => {
    const off = sampleAccount('off', { enabled: false });
    const view = badgeView(
      sampleSettings([work, home, off]),
      state({ work: { unseenCount: 3 }, home: { unseenCount: 2 }, off: { unseenCount: 40 } }),
      english,
    );
    expect(view.text).toBe('5');
    expect(view.color).toBe(BADGE_COLORS.standard.mail);
  });

  it('shows 99+ above 99 and nothing for 0', () => {
    expect(countText(99)).toBe('99');
    expect(countText(100)).toBe('99+');
    expect(countText(0)).toBe('');
    expect(badgeView(sampleSettings([work]), state({ work: {} }), english).text).toBe('');
  });

  it('shows "!" in the error colour when an account fails and there is no unseen mail', () => {
    const view = badgeView(
      sampleSettings([work, home]),
      state({ work: { error: { code: 'AUTH_FAILED', message: 'x' } }, home: {} }),
      english,
    );
    expect(view).toMatchObject({ text: '!', color: BADGE_COLORS.standard.error });
  });

  it('unseen mail wins over an error in the badge text', () => {
    const view = badgeView(
      sampleSettings([work, home]),
      state({ work: { error: { code: 'TIMEOUT', message: 'x' } }, home: { unseenCount: 1 } }),
      english,
    );
    expect(view).toMatchObject({ text: '1', color: BADGE_COLORS.standard.mail });
  });

  it('the tooltip has one line per enabled account', () => {
    const view = badgeView(
      sampleSettings([work, home, sampleAccount('new')]),
      state({ work: { unseenCount: 3 }, home: { error: { code: 'AUTH_FAILED', message: 'x' } } }),
      english,
    );
    expect(view.title).toBe(
      [
        'Popbiff',
        'Work: 3 new',
        'Home: error: The server rejected the user name or password.',
        'New: not checked yet',
      ].join('\n'),
    );
  });

  it('the tooltip says when no account is set up', () => {
    expect(badgeView(sampleSettings([]), state({}), english).title).toBe('Popbiff: no accounts set up');
  });

  it('writes its tooltip in the UI language, errors included', () => {
    const view = badgeView(
      sampleSettings([work, home]),
      state({ work: { unseenCount: 1 }, home: { error: { code: 'AUTH_FAILED', message: 'x' } } }),
      catalogTexts('de'),
    );
    expect(view.title).toBe(
      ['Popbiff', 'Work: 1 neu', 'Home: Fehler: Der Server hat den Benutzernamen oder das Passwort abgelehnt.'].join(
        '\n',
      ),
    );
    expect(badgeView(sampleSettings([]), state({}), catalogTexts('fr')).title).toBe(
      'Popbiff\u00a0: aucun compte configuré',
    );
  });

  it('showBadge applies text, colour and title', async () => {
    const action = {
      setBadgeText: vi.fn(async () => {}),
      setBadgeBackgroundColor: vi.fn(async () => {}),
      setTitle: vi.fn(async () => {}),
    };
    await showBadge(action, { text: '2', color: '#123456', title: 't' });
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: '2' });
    expect(action.setBadgeBackgroundColor).toHaveBeenCalledWith({ color: '#123456' });
    expect(action.setTitle).toHaveBeenCalledWith({ title: 't' });
  });

  it("an error on one account doesn't hide the others' counts; the tooltip names both", () => {
    const view = badgeView(
      sampleSettings([work, home]),
      state({ work: { error: { code: 'AUTH_FAILED', message: 'x' } }, home: { unseenCount: 4 } }),
      english,
    );
    expect(view.text).toBe('4');
    expect(view.title).toContain('Work: error: The server rejected the user name or password.');
    expect(view.title).toContain('Home: 4 new');
  });
});

describe('badge colour schemes', () => {
  const failing = state({ work: { error: { code: 'AUTH_FAILED', message: 'x' } }, home: {} });
  const newMail = state({ work: { unseenCount: 2 }, home: {} });

  it.each(BadgeColors.options)('the %s scheme colours new mail and errors with its own colours', (scheme) => {
    const settings = { ...sampleSettings([work, home]), badgeColors: scheme };
    expect(badgeView(settings, newMail, english).color).toBe(BADGE_COLORS[scheme].mail);
    expect(badgeView(settings, failing, english).color).toBe(BADGE_COLORS[scheme].error);
    expect(BADGE_COLORS[scheme].mail).not.toBe(BADGE_COLORS[scheme].error);
  });

  it('settings without a scheme get the standard colours', () => {
    const settings = sampleSettings([work, home]);
    expect(settings.badgeColors).toBeUndefined();
    expect(badgeView(settings, newMail, english).color).toBe(BADGE_COLORS.standard.mail);
    expect(badgeView(settings, failing, english).color).toBe(BADGE_COLORS.standard.error);
  });

  it('the high-contrast and muted schemes differ from the standard one', () => {
    const distinct = new Set(
      BadgeColors.options.flatMap((scheme) => [BADGE_COLORS[scheme].mail, BADGE_COLORS[scheme].error]),
    );
    expect(distinct.size).toBe(BadgeColors.options.length * 2);
  });

  it.each(BadgeColors.options)("the badge's white text reads on every %s colour (at least 4.5:1)", (scheme) => {
    for (const color of Object.values(BADGE_COLORS[scheme]))
      expect(contrastRatio(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
  });

  it('high contrast is at least 7:1 behind white text', () => {
    for (const color of Object.values(BADGE_COLORS['high-contrast']))
      expect(contrastRatio(color, '#ffffff'), color).toBeGreaterThanOrEqual(7);
  });
});
