import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UidEntry } from '../../../../../src/host/pop3/replies';
import { diffUidl } from '../../../../../src/host/mailbox/check/uidl-diff';

const entries = (...uids: string[]): UidEntry[] => uids.map((uid, i) => ({ number: i + 1, uid }));

describe('diffUidl', () => {
  it('reports UIDs not seen before as new, newest first', () => {
    const diff = diffUidl({ present: entries('a', 'b', 'c', 'd'), known: ['a', 'b'], watch: [] });
    expect(diff.fresh.map((e) => e.uid)).toEqual(['d', 'c']);
    expect(diff.baseline).toBe(false);
  });

  it('reports nothing new when nothing changed, even after deletions renumbered the rest', () => {
    const diff = diffUidl({ present: entries('b', 'c'), known: ['a', 'b', 'c'], watch: [] });
    expect(diff.fresh).toEqual([]);
  });

  it('counts a second message sharing a UID as new (RFC 1939 §7 allows duplicates)', () => {
    const diff = diffUidl({ present: entries('a', 'x', 'x'), known: ['a', 'x'], watch: [] });
    expect(diff.fresh).toEqual([{ number: 3, uid: 'x' }]);
  });

  it('lists watched UIDs that are gone', () => {
    const diff = diffUidl({ present: entries('a', 'c'), known: ['a', 'b', 'c'], watch: ['b', 'c', 'z'] });
    expect(diff.gone).toEqual(['b', 'z']);
  });

  it('on a first check follows the firstCheck mode', () => {
    const small = entries('a', 'b');
    const large = entries(...Array.from({ length: 51 }, (_, i) => `u${i}`));
    expect(diffUidl({ present: small, watch: [] }).fresh.map((e) => e.uid)).toEqual(['b', 'a']);
    expect(diffUidl({ present: large, watch: [], firstCheck: 'auto' }).fresh).toEqual([]);
    expect(diffUidl({ present: large.slice(0, 50), watch: [], firstCheck: 'auto' }).fresh).toHaveLength(50);
    expect(diffUidl({ present: large, watch: [], firstCheck: 'all-new' }).fresh).toHaveLength(51);
    expect(diffUidl({ present: small, watch: [], firstCheck: 'baseline' }).fresh).toEqual([]);
    expect(diffUidl({ present: small, watch: [] }).baseline).toBe(true);
  });

  it('never calls new what was known, and calls new everything appended', () => {
    const uid = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    fc.assert(
      fc.property(fc.array(uid, { maxLength: 20 }), fc.array(uid, { maxLength: 10 }), (old, added) => {
        const diff = diffUidl({ present: entries(...old, ...added), known: old, watch: [] });
        expect(diff.fresh.map((e) => e.number).sort((x, y) => x - y)).toEqual(added.map((_, i) => old.length + i + 1));
      }),
    );
  });
});
