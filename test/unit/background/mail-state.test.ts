import { describe, expect, it } from 'vitest';
import { MAX_UNSEEN_KEPT, type AccountState } from '../../../src/storage/account-state';
import { EMPTY_ACCOUNT_STATE } from '../../../src/storage/empty-state';
import { applyError, applyResult, clearError, dismiss, retainAccounts } from '../../../src/background/mail-state';
import { checkResult, summary } from '../../helpers/fake-browser';

const uids = (state: AccountState) => state.unseen.map((m) => m.uid);

describe('mail-state reducer', () => {
  it('new mail is counted and its summaries go first, newest first', () => {
    const before = applyResult(EMPTY_ACCOUNT_STATE, checkResult({ newMessages: [summary('a')] }), 1000);
    const after = applyResult(before, checkResult({ newMessages: [summary('c'), summary('b')] }), 2000);
    expect(after.unseenCount).toBe(3);
    expect(uids(after)).toEqual(['c', 'b', 'a']);
  });

  it('counts new mail beyond the summaries the host sent', () => {
    const state = applyResult(
      EMPTY_ACCOUNT_STATE,
      checkResult({ newCount: 30, newMessages: [summary('a'), summary('b')] }),
      1,
    );
    expect(state.unseenCount).toBe(30);
    expect(state.unseen).toHaveLength(2);
  });

  it('the same uid arriving twice is counted once', () => {
    const once = applyResult(EMPTY_ACCOUNT_STATE, checkResult({ newMessages: [summary('a')] }), 1);
    const twice = applyResult(once, checkResult({ newMessages: [summary('a'), summary('b'), summary('b')] }), 2);
    expect(twice.unseenCount).toBe(2);
    expect(uids(twice)).toEqual(['b', 'a']);
  });

  it('gone uids leave the unseen list and the unseen count', () => {
    const before = applyResult(
      EMPTY_ACCOUNT_STATE,
      checkResult({ newMessages: [summary('a'), summary('b'), summary('c')] }),
      1,
    );
    const after = applyResult(before, checkResult({ gone: ['b', 'unknown'] }), 2);
    expect(uids(after)).toEqual(['a', 'c']);
    expect(after.unseenCount).toBe(2);
  });

  it('keeps at most MAX_UNSEEN_KEPT summaries while the count stays exact', () => {
    const many = Array.from({ length: MAX_UNSEEN_KEPT + 7 }, (_, i) => summary(`m${i}`));
    const state = applyResult(EMPTY_ACCOUNT_STATE, checkResult({ newMessages: many }), 1);
    expect(state.unseen).toHaveLength(MAX_UNSEEN_KEPT);
    expect(state.unseenCount).toBe(MAX_UNSEEN_KEPT + 7);
    expect(state.unseen[0]?.uid).toBe('m0');
  });

  it('a success records the check, clears the error and resets failures', () => {
    const failed = applyError(
      applyError(EMPTY_ACCOUNT_STATE, { code: 'TIMEOUT', message: 'slow' }, 5),
      { code: 'TIMEOUT', message: 'slow' },
      6,
    );
    const ok = applyResult(failed, checkResult({ count: 4, stateToken: 'next', loginDelaySeconds: 900 }), 7);
    expect(ok).toEqual({
      ...EMPTY_ACCOUNT_STATE,
      count: 4,
      lastCheckAt: 7,
      lastSuccessAt: 7,
      stateToken: 'next',
      loginDelaySeconds: 900,
    });
    expect('error' in ok).toBe(false);
  });

  it('an error is kept with the failure count; the mail shown stays', () => {
    const withMail = applyResult(EMPTY_ACCOUNT_STATE, checkResult({ newMessages: [summary('a')] }), 1);
    const failed = applyError(withMail, { code: 'IN_USE', message: 'locked', retryAfter: 99 }, 2);
    const again = applyError(failed, { code: 'IN_USE', message: 'locked' }, 3);
    expect(again.failures).toBe(2);
    expect(again.lastCheckAt).toBe(3);
    expect(again.lastSuccessAt).toBe(1);
    expect(again.error).toEqual({ code: 'IN_USE', message: 'locked' });
    expect(uids(again)).toEqual(['a']);
  });

  it('dismiss makes nothing new, and a later check counts only later mail', () => {
    const withMail = applyResult(EMPTY_ACCOUNT_STATE, checkResult({ newMessages: [summary('a'), summary('b')] }), 1);
    const seen = dismiss(withMail);
    expect(seen.unseenCount).toBe(0);
    expect(seen.unseen).toEqual([]);
    const later = applyResult(seen, checkResult({ newMessages: [summary('c')] }), 2);
    expect(later.unseenCount).toBe(1);
  });

  it('clearError forgets a stopped state', () => {
    const stopped = applyError(EMPTY_ACCOUNT_STATE, { code: 'AUTH_FAILED', message: 'no' }, 1);
    expect(clearError(stopped)).toEqual({ ...EMPTY_ACCOUNT_STATE, lastCheckAt: 1 });
  });

  it('retainAccounts drops the state of deleted accounts', () => {
    const state = { version: 1 as const, accounts: { a: EMPTY_ACCOUNT_STATE, b: EMPTY_ACCOUNT_STATE } };
    expect(Object.keys(retainAccounts(state, ['b']).accounts)).toEqual(['b']);
  });
});
