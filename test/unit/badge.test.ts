import { describe, expect, it, vi } from 'vitest';
import { EMPTY_ACCOUNT_STATE, STATE_VERSION, type AccountState, type ExtensionState } from '../../src/account-state';
import { BADGE_COLORS, badgeView, countText, showBadge } from '../../src/background/badge';
import { sampleAccount, sampleSettings } from '../helpers/fake-browser';

const state = (accounts: Record<string, Partial<AccountState>>): ExtensionState => ({
  version: STATE_VERSION,
  accounts: Object.fromEntries(Object.entries(accounts).map(([id, s]) => [id, { ...EMPTY_ACCOUNT_STATE, lastCheckAt: 1, ...s }])),
});

const work = sampleAccount('work');
const home = sampleAccount('home');

describe('badge', () => {
  it('shows the total unseen over enabled accounts in the mail colour', () => {
    const off = sampleAccount('off', { enabled: false });
    const view = badgeView(sampleSettings([work, home, off]), state({ work: { unseenCount: 3 }, home: { unseenCount: 2 }, off: { unseenCount: 40 } }));
    expect(view.text).toBe('5');
    expect(view.color).toBe(BADGE_COLORS.mail);
  });

  it('shows 99+ above 99 and nothing for 0', () => {
    expect(countText(99)).toBe('99');
    expect(countText(100)).toBe('99+');
    expect(countText(0)).toBe('');
    expect(badgeView(sampleSettings([work]), state({ work: {} })).text).toBe('');
  });

  it('shows "!" in the error colour when an account fails and there is no unseen mail', () => {
    const view = badgeView(sampleSettings([work, home]), state({ work: { error: { code: 'AUTH_FAILED', message: 'x' } }, home: {} }));
    expect(view).toMatchObject({ text: '!', color: BADGE_COLORS.error });
  });

  it('unseen mail wins over an error in the badge text', () => {
    const view = badgeView(sampleSettings([work, home]), state({ work: { error: { code: 'TIMEOUT', message: 'x' } }, home: { unseenCount: 1 } }));
    expect(view).toMatchObject({ text: '1', color: BADGE_COLORS.mail });
  });

  it('the tooltip has one line per enabled account', () => {
    const view = badgeView(
      sampleSettings([work, home, sampleAccount('new')]),
      state({ work: { unseenCount: 3 }, home: { error: { code: 'AUTH_FAILED', message: 'x' } } }),
    );
    expect(view.title).toBe(
      ['Popbiff', 'Work: 3 new', 'Home: error: The server rejected the user name or password.', 'New: not checked yet'].join('\n'),
    );
  });

  it('the tooltip says when no account is set up', () => {
    expect(badgeView(sampleSettings([]), state({})).title).toBe('Popbiff: no accounts set up');
  });

  it('showBadge applies text, colour and title', async () => {
    const action = { setBadgeText: vi.fn(async () => {}), setBadgeBackgroundColor: vi.fn(async () => {}), setTitle: vi.fn(async () => {}) };
    await showBadge(action, { text: '2', color: '#123456', title: 't' });
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: '2' });
    expect(action.setBadgeBackgroundColor).toHaveBeenCalledWith({ color: '#123456' });
    expect(action.setTitle).toHaveBeenCalledWith({ title: 't' });
  });

  it("an error on one account doesn't hide the others' counts; the tooltip names both", () => {
    const view = badgeView(sampleSettings([work, home]), state({ work: { error: { code: 'AUTH_FAILED', message: 'x' } }, home: { unseenCount: 4 } }));
    expect(view.text).toBe('4');
    expect(view.title).toContain('Work: error: The server rejected the user name or password.');
    expect(view.title).toContain('Home: 4 new');
  });
});
