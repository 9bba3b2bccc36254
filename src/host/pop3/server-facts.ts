import * as z from 'zod/mini';

/**
 * What one check learned about a server, remembered per account so the next check can skip
 * probing: it then sends CAPA (after sign-in), the sign-in and the first transaction commands
 * in one packet when pipelining is known to work. A schema, because it is read back from disk.
 */
export const ServerFacts = z.object({
  /** CAPA answered (RFC 2449 §5); false for servers that refuse it or hang up on it. */
  capa: z.boolean(),
  /** PIPELINING announced and honoured; false once a server dropped pipelined commands. */
  pipelining: z.boolean(),
  /** UIDL supported (RFC 1939 §7); false means header fingerprints stand in for UIDs. */
  uidl: z.boolean(),
  /** The capability lines last seen before sign-in (over TLS when the account uses TLS). */
  capabilities: z.optional(z.array(z.string())),
});
export type ServerFacts = z.infer<typeof ServerFacts>;
