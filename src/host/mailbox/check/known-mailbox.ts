import * as z from 'zod/mini';
import { ServerFacts } from '../../pop3/server-facts';

/**
 * What the host remembers of one mailbox between checks: the one shape that the state store
 * (state-store.ts) and the CLI's `--state FILE` (cli/state-file.ts) both write and read back.
 * The remembered count is `uids.length` and the last UID `uids.at(-1)`, which is all the O(1)
 * no-new check needs; the optional fields only make the next check faster or safer.
 */
export const KnownMailbox = z.object({
  /** UIDs seen at the previous check, in maildrop order (header fingerprints when `fingerprints`). */
  uids: z.array(z.string()),
  /** Epoch ms of the last full UIDL diff; absent means "due now" (see scan-plan.ts). */
  lastFullScanAt: z.optional(z.number()),
  /** What the server showed it can do, so the next check skips probing. */
  serverFacts: z.optional(ServerFacts),
  /** True when the server has no UIDL and `uids` hold fingerprints of the newest messages. */
  fingerprints: z.optional(z.boolean()),
});
export type KnownMailbox = z.infer<typeof KnownMailbox>;
