import type net from 'node:net';
import { PopbiffError } from '../../../shared/errors';
import { quote } from '../replies';
import type { Pop3Session } from '../session';

/**
 * STLS (RFC 2595 §4), then the TLS handshake over the same connection. A refusal is final:
 * the caller asked for STARTTLS, so continuing in clear text is never an option.
 */
export async function stls(session: Pop3Session, secure: (plain: net.Socket) => Promise<net.Socket>): Promise<void> {
  const status = await session.send({ verb: 'STLS' });
  if (!status.ok) {
    throw new PopbiffError('TLS_UNAVAILABLE', `The server refused STLS: "${quote(session.redact(status.text))}".`);
  }
  await session.upgrade(secure);
}
