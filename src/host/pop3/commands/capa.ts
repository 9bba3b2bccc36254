import { MAX_CAPABILITY_LENGTH } from '../limits';
import { type Capabilities, parseCapabilities } from '../replies';
import type { Pop3Session } from '../session';

/**
 * CAPA (RFC 2449 §5). Undefined when the server answers -ERR: a plain RFC 1939 server, which
 * is fine; the caller then assumes nothing beyond RFC 1939.
 */
export async function capa(session: Pop3Session): Promise<Capabilities | undefined> {
  const reply = await session.sendMultiline({ verb: 'CAPA' }, { maxLine: MAX_CAPABILITY_LENGTH * 4 });
  return reply.status.ok ? parseCapabilities(reply.lines) : undefined;
}
