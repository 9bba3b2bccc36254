import type { ProtectedMethod } from './sign-in/downgrade';

/**
 * What one check learned about a server, remembered per account so the next check can skip
 * probing: it then sends CAPA (after sign-in), the sign-in and the first transaction commands
 * in one packet when pipelining is known to work.
 */
export interface ServerFacts {
  /** CAPA answered (RFC 2449 §5); false for servers that refuse it or hang up on it. */
  capa: boolean;
  /** PIPELINING announced and honoured; false once a server dropped pipelined commands. */
  pipelining: boolean;
  /** UIDL supported (RFC 1939 §7); false means header fingerprints stand in for UIDs. */
  uidl: boolean;
  /** The capability lines last seen before sign-in (over TLS when the account uses TLS). */
  capabilities?: string[] | undefined;
  /** The strongest method that never reveals the password ever offered (sign-in/downgrade.ts). */
  protectedMethod?: ProtectedMethod | undefined;
}
