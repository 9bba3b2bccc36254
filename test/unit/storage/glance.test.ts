import { describe, expect, it } from 'vitest';
import { sortTime } from '../../../src/storage/glance';

describe('sortTime', () => {
  it('sorts mail without a readable date last', () => {
    expect(sortTime('garbage')).toBe(Number.NEGATIVE_INFINITY);
    expect(sortTime('2025-03-01T12:00:00Z')).toBe(Date.parse('2025-03-01T12:00:00Z'));
  });
});
