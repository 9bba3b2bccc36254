import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../src/shared/mail';
import {
  DEFAULT_RULES,
  MAX_MATCHED_LENGTH,
  classify,
  fieldValue,
  validateRule,
  type Rule,
} from '../../../src/shared/rules';
import { summary } from '../../helpers/fake-browser';

const message = (overrides: Partial<MessageSummary> = {}): MessageSummary => ({ ...summary('u1'), ...overrides });
const rule = (overrides: Partial<Rule>): Rule => ({
  name: 'r',
  match: 'any',
  conditions: [],
  action: 'ignore',
  ...overrides,
});

describe('rules', () => {
  it('the default rules ignore mail the server flagged as spam, in either header', () => {
    expect(classify(DEFAULT_RULES, message({ headers: { 'x-spam-flag': 'YES' } }))).toBe('ignore');
    expect(classify(DEFAULT_RULES, message({ headers: { 'x-spam-status': 'Yes, score=7.1 required=5.0' } }))).toBe(
      'ignore',
    );
    expect(
      classify(DEFAULT_RULES, message({ headers: { 'x-spam-flag': 'NO', 'x-spam-status': 'No, score=0.3' } })),
    ).toBe('notify');
    expect(classify(DEFAULT_RULES, message({ headers: { 'x-spam-status': 'Yesterday was fine' } }))).toBe('notify');
  });

  it('treats a missing header as absent: no condition on it holds, not even "contains nothing"', () => {
    expect(classify(DEFAULT_RULES, message())).toBe('notify');
    const present = rule({ conditions: [{ field: 'List-Id', op: 'present', value: '' }] });
    expect(classify([present], message())).toBe('notify');
    expect(classify([present], message({ headers: { 'list-id': '<dev.lists.example.org>' } }))).toBe('ignore');
    expect(fieldValue(message(), 'To')).toBeUndefined();
  });

  it('matches From, To and Subject with contains / equals / regex, ignoring case', () => {
    const m = message({
      from: { name: 'Boss', address: 'boss@work.example' },
      to: [{ name: '', address: 'me@work.example' }],
      subject: 'URGENT: budget',
    });
    expect(
      classify([rule({ conditions: [{ field: 'from', op: 'contains', value: 'BOSS@work' }], action: 'important' })], m),
    ).toBe('important');
    expect(
      classify([rule({ conditions: [{ field: 'To', op: 'equals', value: 'me@work.example' }], action: 'silent' })], m),
    ).toBe('silent');
    expect(classify([rule({ conditions: [{ field: 'subject', op: 'regex', value: '^urgent:' }] })], m)).toBe('ignore');
    expect(classify([rule({ conditions: [{ field: 'subject', op: 'equals', value: 'urgent' }] })], m)).toBe('notify');
  });

  it('ALL needs every condition, ANY one of them', () => {
    const conditions: Rule['conditions'] = [
      { field: 'from', op: 'contains', value: 'ann@' },
      { field: 'subject', op: 'contains', value: 'invoice' },
    ];
    const m = message({ subject: 'Lunch?' });
    expect(classify([rule({ match: 'any', conditions })], m)).toBe('ignore');
    expect(classify([rule({ match: 'all', conditions })], m)).toBe('notify');
    expect(classify([rule({ match: 'all', conditions })], message({ subject: 'Invoice 42' }))).toBe('ignore');
  });

  it('the first matching rule decides', () => {
    const important = rule({ conditions: [{ field: 'from', op: 'contains', value: 'ann' }], action: 'important' });
    const ignore = rule({ conditions: [{ field: 'subject', op: 'present', value: '' }], action: 'ignore' });
    expect(classify([important, ignore], message())).toBe('important');
    expect(classify([ignore, important], message())).toBe('ignore');
  });

  it('applies regexes to a capped string', () => {
    const tail = rule({ conditions: [{ field: 'x-long', op: 'regex', value: 'needle$' }] });
    const long = `${'a'.repeat(MAX_MATCHED_LENGTH)}needle`;
    expect(classify([tail], message({ headers: { 'x-long': long } }))).toBe('notify');
    expect(classify([tail], message({ headers: { 'x-long': 'a needle' } }))).toBe('ignore');
  });

  it('validateRule explains a bad regex, where it is', () => {
    const result = validateRule(
      rule({
        conditions: [
          { field: 'subject', op: 'contains', value: 'x' },
          { field: 'subject', op: 'regex', value: '(unclosed' },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/not a valid regular expression/);
    expect(result.path).toEqual(['conditions', 1, 'value']);
  });

  it('validateRule accepts good rules and refuses empty ones and bad header names', () => {
    expect(validateRule(DEFAULT_RULES[0])).toMatchObject({ ok: true });
    expect(validateRule(rule({ conditions: [] }))).toMatchObject({ ok: false, message: 'Add at least one condition.' });
    expect(validateRule(rule({ conditions: [{ field: 'subject', op: 'contains', value: '' }] }))).toMatchObject({
      ok: false,
      message: 'Enter the text to look for.',
    });
    expect(validateRule(rule({ conditions: [{ field: 'X Spam', op: 'present', value: '' }] }))).toMatchObject({
      ok: false,
    });
  });

  it('a stored rule with a broken regex (edited by hand) never matches instead of throwing', () => {
    const broken = rule({ conditions: [{ field: 'subject', op: 'regex', value: '[' }] });
    expect(classify([broken], message())).toBe('notify');
  });
});
