/**
 * Downgrade protection over clear text. A man in the middle of an account that allows clear
 * text can delete `SASL CRAM-MD5` from CAPA (RFC 2449 §6.3) or the timestamp from the greeting
 * (APOP, RFC 1939 §7), and `auto` would then fall back to USER/PASS and send the password
 * itself. So the strongest method that never reveals the password, once offered, is remembered
 * (ServerFacts.protectedMethod), and a later session that offers less is refused before any
 * secret is sent. Over TLS the offer cannot be altered, and nothing is checked.
 */
import { PopbiffError } from '../../../shared/errors';
import type { Capabilities } from '../replies';

export type ProtectedMethod = 'cram-md5' | 'apop';

const RANK: Record<ProtectedMethod, number> = { 'cram-md5': 2, apop: 1 };
const rank = (method: ProtectedMethod | undefined): number => (method === undefined ? 0 : RANK[method]);

/** The strongest non-revealing method this session offers. */
export function protectedOffer(
  capabilities: Capabilities | undefined,
  timestamp: string | undefined,
): ProtectedMethod | undefined {
  if (capabilities?.saslMechanisms.includes('CRAM-MD5')) return 'cram-md5';
  return timestamp === undefined ? undefined : 'apop';
}

/** Throws AUTH_DOWNGRADE when the session offers less than the server offered before. */
export function refuseDowngrade(remembered: ProtectedMethod | undefined, offered: ProtectedMethod | undefined): void {
  if (rank(offered) >= rank(remembered)) return;
  const was = remembered === 'cram-md5' ? 'CRAM-MD5' : 'APOP';
  throw new PopbiffError(
    'AUTH_DOWNGRADE',
    `The server offered ${was} before and does not now, so the password was not sent: someone on the network may have removed it.`,
  );
}

export function stronger(a: ProtectedMethod | undefined, b: ProtectedMethod | undefined): ProtectedMethod | undefined {
  return rank(b) > rank(a) ? b : a;
}
