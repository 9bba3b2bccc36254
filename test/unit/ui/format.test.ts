import { describe, expect, it } from 'vitest';
import { byteSize, intervalText, mailDate, relativeTime } from '../../../src/ui/format';

const NOW = Date.parse('2025-03-01T12:30:00');

describe('relativeTime', () => {
  it.each([
    [10_000, 'now'],
    [2 * 60_000 + 5_000, '2 minutes ago'],
    [3 * 3_600_000, '3 hours ago'],
    [26 * 3_600_000, 'yesterday'],
    [5 * 86_400_000, '5 days ago'],
  ])('%i ms ago reads "%s"', (ago, text) => {
    expect(relativeTime(NOW - ago, NOW, 'en')).toBe(text);
  });

  it('treats a time in the future (clock skew) as now', () => {
    expect(relativeTime(NOW + 60_000, NOW, 'en')).toBe('now');
  });
});

describe('mailDate', () => {
  it('shows only the time for mail from today', () => {
    expect(mailDate(new Date('2025-03-01T09:05:00').toISOString(), NOW, 'en-US')).toBe('9:05 AM');
  });

  it('shows day and month for mail from this year', () => {
    expect(mailDate(new Date('2025-02-14T09:05:00').toISOString(), NOW, 'en-US')).toBe('Feb 14');
  });

  it('adds the year for older mail', () => {
    expect(mailDate(new Date('2023-12-24T09:05:00').toISOString(), NOW, 'en-US')).toBe('Dec 24, 2023');
  });

  it('is empty for a missing or unreadable date', () => {
    expect(mailDate('', NOW, 'en-US')).toBe('');
    expect(mailDate('not a date', NOW, 'en-US')).toBe('');
  });
});

describe('byteSize', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [14 * 1024 + 300, '14 KB'],
    [2.5 * 1024 * 1024, '2.5 MB'],
    [40 * 1024 * 1024, '40 MB'],
    [3 * 1024 ** 4, '3,072 GB'],
  ])('%i octets read "%s"', (octets, text) => {
    expect(byteSize(octets, 'en-US')).toBe(text);
  });
});

describe('intervalText', () => {
  it.each([
    [5, '5 min'],
    [45, '45 min'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [600, '10 h'],
    [1440, '24 h'],
  ])('%i minutes read "%s", as people write them', (minutes, text) => {
    expect(intervalText(minutes, 'en')).toBe(text);
  });
});
