/** How much of the maildrop a check reads: the O(1) no-new path and its safety nets. */
import { describe, expect, it } from 'vitest';
import { FULL_SCAN_INTERVAL_MS } from '../../../../../src/host/pop3/limits';
import { planScan } from '../../../../../src/host/mailbox/check/scan-plan';

const NOW = 1_700_000_000_000;
const known = ['a', 'b', 'c'];
const base = { count: 3, knownUids: known, lastFullScanAt: NOW - 1000, uidAtKnownCount: 'c', now: NOW };

describe('planning the scan', () => {
  it('same count and same last UID: nothing to read', () => {
    expect(planScan(base)).toEqual({ kind: 'unchanged' });
  });

  it('more messages after an unchanged last UID: only the arrivals', () => {
    expect(planScan({ ...base, count: 5 })).toEqual({ kind: 'appended', from: 4, to: 5 });
  });

  it('a different UID at the remembered position means renumbering: full diff', () => {
    expect(planScan({ ...base, uidAtKnownCount: 'x' })).toEqual({ kind: 'full' });
    expect(planScan({ ...base, count: 2, uidAtKnownCount: undefined })).toEqual({ kind: 'full' });
  });

  it('runs a full diff at least once an hour, and when the last one is unknown', () => {
    expect(planScan({ ...base, lastFullScanAt: NOW - FULL_SCAN_INTERVAL_MS })).toEqual({ kind: 'full' });
    expect(planScan({ ...base, lastFullScanAt: undefined })).toEqual({ kind: 'full' });
  });

  it('a first check, or an empty remembered maildrop, is a full listing', () => {
    expect(planScan({ ...base, knownUids: undefined })).toEqual({ kind: 'full' });
    expect(planScan({ ...base, knownUids: [] })).toEqual({ kind: 'full' });
  });

  it('very many arrivals are cheaper as one full UIDL', () => {
    expect(planScan({ ...base, count: 10_000 })).toEqual({ kind: 'full' });
  });
});
