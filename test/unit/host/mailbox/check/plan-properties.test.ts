/** Property (fast-check): the O(1) scan plan never disagrees with a full UIDL diff. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planScan } from '../../../../../src/host/mailbox/check/scan-plan';
import { diffUidl } from '../../../../../src/host/mailbox/check/uidl-diff';

describe('properties', () => {
  it('the O(1) plan agrees with a full UIDL diff after any deletions and arrivals', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.nat({ max: 10 }),
        (known, deleted, arrived) => {
          const kept = known.filter((_, i) => !deleted[i]);
          const fresh = Array.from({ length: arrived }, (_, i) => `new-${i}`);
          const now = [...kept, ...fresh];
          const present = now.map((u, i) => ({ number: i + 1, uid: u }));
          const plan = planScan({
            count: now.length,
            knownUids: known,
            lastFullScanAt: 0,
            uidAtKnownCount: now[known.length - 1],
            now: 1,
          });
          const diff = diffUidl({ present, known, watch: [] });
          if (plan.kind === 'unchanged') {
            expect(diff.fresh).toEqual([]);
          } else if (plan.kind === 'appended') {
            const expected = present.slice(plan.from - 1, plan.to).reverse();
            expect(diff.fresh).toEqual(expected);
          }
          // 'full' decides nothing itself: the diff is the answer.
          expect(diff.fresh.map((e) => e.uid).sort()).toEqual([...fresh].sort());
        },
      ),
      { numRuns: 500 },
    );
  });
});
