/**
 * How much of the maildrop a check must read, decided from STAT, `UIDL <known count>` and the
 * remembered state: a pure function, so each branch is tested without a server.
 *
 * New mail is appended: servers number messages in arrival order (RFC 1939 §5 numbers them
 * from 1; deletions only happen in UPDATE). So when the message at the remembered count still
 * has the remembered last UID, nothing before it changed and everything after it is new. A full
 * UIDL diff still runs at least once an hour, in case a server numbers differently.
 */
import { FULL_SCAN_INTERVAL_MS, SINGLE_UIDL_MAX } from '../../pop3/limits';

export type ScanPlan =
  /** Same count, same last UID: nothing arrived, nothing left. */
  | { kind: 'unchanged' }
  /** Messages `from`..`to` arrived after the remembered last one; fetch their UIDs one by one. */
  | { kind: 'appended'; from: number; to: number }
  /** Anything else: one full UIDL listing and a diff. */
  | { kind: 'full' };

export interface PlanInput {
  count: number;
  /** UIDs remembered from the previous check, in maildrop order; undefined on a first check. */
  knownUids: readonly string[] | undefined;
  lastFullScanAt: number | undefined;
  /** The UID of message number `knownUids.length` in this session, if asked and answered. */
  uidAtKnownCount: string | undefined;
  now: number;
}

export function planScan(input: PlanInput): ScanPlan {
  const known = input.knownUids;
  if (known === undefined || known.length === 0) return { kind: 'full' };
  if (input.lastFullScanAt === undefined || input.now - input.lastFullScanAt >= FULL_SCAN_INTERVAL_MS)
    return { kind: 'full' };
  if (input.uidAtKnownCount === undefined || input.uidAtKnownCount !== known.at(-1)) return { kind: 'full' };
  if (input.count === known.length) return { kind: 'unchanged' };
  const arrived = input.count - known.length;
  if (arrived < 0 || arrived > SINGLE_UIDL_MAX) return { kind: 'full' };
  return { kind: 'appended', from: known.length + 1, to: input.count };
}
