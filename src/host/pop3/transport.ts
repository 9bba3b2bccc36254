/**
 * Opening the connection: plain TCP, implicit TLS (pop3s), or the STLS upgrade of an open
 * socket (RFC 2595 §4). Certificates are always verified; an extra CA file can be trusted for
 * self-hosted servers, on top of (never instead of) the system's CAs.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { PopbiffError } from '../../shared/errors';
import { socketError } from './errors';

export interface Endpoint {
  host: string;
  port: number;
  /** Path of an extra CA certificate (PEM). */
  caFile?: string | undefined;
}

export function connectPlain(endpoint: Endpoint, timeoutMs: number): Promise<net.Socket> {
  return settle(net.connect({ host: endpoint.host, port: endpoint.port }), 'connect', timeoutMs, 'connecting');
}

export function connectTls(endpoint: Endpoint, connectMs: number, tlsMs: number): Promise<tls.TLSSocket> {
  const seen: Seen = {};
  const socket = tls.connect({ ...tlsOptions(endpoint, seen), port: endpoint.port });
  // One deadline for TCP and handshake together: the handshake only starts once connected.
  return settle(socket, 'secureConnect', connectMs + tlsMs, 'the TLS handshake', seen);
}

/** STLS: the caller has already discarded whatever arrived before the +OK was read. */
export function upgradeToTls(socket: net.Socket, endpoint: Endpoint, timeoutMs: number): Promise<tls.TLSSocket> {
  const seen: Seen = {};
  return settle(tls.connect({ ...tlsOptions(endpoint, seen), socket }), 'secureConnect', timeoutMs, 'the TLS handshake', seen);
}

/** What the handshake showed of the server's certificate before failing. */
interface Seen {
  fingerprint?: string;
}

function tlsOptions(endpoint: Endpoint, seen: Seen): tls.ConnectionOptions {
  const host = endpoint.host.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    // SNI takes host names only (RFC 6066 §3); the certificate check still covers IP addresses.
    ...(net.isIP(host) ? {} : { servername: host }),
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    ca: trustedCas(endpoint.caFile),
    // Node calls this only for a chain it trusts; noting the fingerprint lets a wrong-name error show it.
    checkServerIdentity: (name, cert) => {
      seen.fingerprint = cert.fingerprint256;
      return tls.checkServerIdentity(name, cert);
    },
  };
}

function trustedCas(caFile: string | undefined): string[] | undefined {
  if (caFile === undefined || caFile === '') return undefined;
  try {
    return [...tls.rootCertificates, readFileSync(caFile, 'utf8')];
  } catch {
    throw new PopbiffError('CERT_UNTRUSTED', 'The CA certificate file given for this account cannot be read.');
  }
}

/** Resolves once `ready` fires; any error or the deadline destroys the socket and rejects. */
function settle<S extends net.Socket>(
  socket: S,
  ready: 'connect' | 'secureConnect',
  timeoutMs: number,
  during: string,
  seen: Seen = {},
): Promise<S> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      clearTimeout(timer);
      const failure = { during, fingerprint: seen.fingerprint };
      socket.destroy();
      reject(socketError(error, failure));
    };
    const timer = setTimeout(() => fail(new PopbiffError('TIMEOUT', `No answer within ${timeoutMs} ms while ${during}.`)), timeoutMs);
    socket.once('error', fail);
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}
