import { describe, expect, it } from 'vitest';
import { ROWS_IN_ALL, rowLimits } from '../../../src/popup/row-limits';
import { MAX_UNSEEN_KEPT } from '../../../src/storage/account-state';
import { FIRST_ROWS } from '../../../src/storage/glance';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('how many rows each account of the popup renders', () => {
  it('fills the first screen account by account, one screenful in all', () => {
    expect(rowLimits([5, 100, 100], true)).toEqual([5, FIRST_ROWS - 5, 0]);
    expect(sum(rowLimits(Array(20).fill(100), true))).toBe(FIRST_ROWS);
    expect(rowLimits([0, 3], true)).toEqual([0, 3]);
  });

  it('then shows up to 5 accounts everything they keep, as before', () => {
    expect(rowLimits([MAX_UNSEEN_KEPT], false)).toEqual([MAX_UNSEEN_KEPT]);
    expect(rowLimits(Array(5).fill(MAX_UNSEEN_KEPT), false)).toEqual(Array(5).fill(MAX_UNSEEN_KEPT));
  });

  it('shares ROWS_IN_ALL among more accounts with mail, a screenful each at least', () => {
    expect(rowLimits(Array(20).fill(100), false)).toEqual(Array(20).fill(ROWS_IN_ALL / 20));
    expect(sum(rowLimits(Array(20).fill(100), false))).toBe(ROWS_IN_ALL);
    expect(rowLimits(Array(100).fill(100), false)).toEqual(Array(100).fill(FIRST_ROWS));
    // Accounts without mail take no share; small lists are shown whole.
    expect(rowLimits([...Array(9).fill(100), 0, 0, 3], false)).toEqual([...Array(9).fill(ROWS_IN_ALL / 10), 0, 0, 3]);
  });
});
