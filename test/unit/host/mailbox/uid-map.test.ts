import { expect, it } from 'vitest';
import { matchUids } from '../../../../src/host/mailbox/uid-map';

const listing = [
  { number: 1, uid: 'a' },
  { number: 2, uid: 'dup' },
  { number: 3, uid: 'b' },
  { number: 4, uid: 'dup' },
];

it('maps each UID held by exactly one message to its number in this session', () => {
  const match = matchUids(listing, ['b', 'a']);
  expect([...match.unique]).toEqual([
    ['b', 3],
    ['a', 1],
  ]);
  expect(match.missing).toEqual([]);
  expect(match.ambiguous).toEqual([]);
});

it('reports UIDs that are gone as missing and shared UIDs as ambiguous, never as numbers', () => {
  const match = matchUids(listing, ['dup', 'gone', 'a']);
  expect([...match.unique]).toEqual([['a', 1]]);
  expect(match.missing).toEqual(['gone']);
  expect(match.ambiguous).toEqual(['dup']);
});

it('treats a UID asked for twice once', () => {
  const match = matchUids(listing, ['a', 'a']);
  expect([...match.unique]).toEqual([['a', 1]]);
});
