/**
 * Opening the connection: plain TCP, implicit TLS (pop3s), or the STLS upgrade of an open
 * socket (RFC 2595 §4). Certificates are verified against the system's CAs plus an optional
 * extra CA file; a pinned SHA-256 fingerprint instead accepts exactly that one certificate
 * (trust on first use for self-signed servers) and refuses every other.
 *
 * Node is told not to reject by itself (`rejectUnauthorized: false`) so that an untrusted
 * certificate can be described to the user; the decision is made here, on `secureConnect`,
 * before a single byte is sent over the connection.
 */
import net from 'node:net';
import tls from 'node:tls';
import { type CertificateInfo, PopbiffError } from '../../shared/errors';
import { cleanLine } from '../../shared/sanitize';
import type { Security, ServerSettings } from '../../shared/server';
import type { Deadlines } from './limits';
import { quiet } from './batch';
import { socketError } from './errors';
import { secureContextFor } from './secure-contexts';
import type { TlsInfo } from './trace';

export interface Endpoint {
  host: string;
  port: number;
  /** Path of an extra CA certificate (PEM). */
  caFile?: string | undefined;
  /** SHA-256 fingerprint of the only certificate to accept (hex, colons optional). */
  pinnedCertSha256?: string | undefined;
}

export function connectPlain(endpoint: Endpoint, timeoutMs: number): Promise<net.Socket> {
  return settle(
    net.connect({ host: endpoint.host, port: endpoint.port }),
    'connect',
    timeoutMs,
    'connecting',
    endpoint,
  );
}

/**
 * Implicit TLS (pop3s): TCP, then the handshake over it. The TLS context is built while TCP's
 * handshake (and the name's lookup) is away: a process's first one costs 10-40 ms of its one
 * thread (Node parses its root certificates), and a host lives for one batch. A CA file that
 * cannot be used is still refused before the handshake, and the connection closed unused.
 */
export async function connectTls(endpoint: Endpoint, connectMs: number, tlsMs: number): Promise<tls.TLSSocket> {
  const tcp = quiet(connectPlain(endpoint, connectMs));
  let context: tls.SecureContext;
  try {
    // The SYN leaves first (net.connect starts on the next tick).
    await new Promise(setImmediate);
    context = secureContextFor(endpoint.caFile);
  } catch (error) {
    tcp.then(
      (socket) => socket.destroy(),
      () => undefined,
    );
    throw error;
  }
  return upgradeToTls(await tcp, endpoint, tlsMs, context);
}

/** The connection a session of `security` starts on: TLS at once (pop3s), or TCP (plain, STLS). */
export function connectFor(
  endpoint: Endpoint,
  security: Security,
  deadlines: Pick<Deadlines, 'connect' | 'tls'>,
): Promise<net.Socket> {
  return security === 'tls'
    ? connectTls(endpoint, deadlines.connect, deadlines.tls)
    : connectPlain(endpoint, deadlines.connect);
}

/** The part of an account's server settings that says where to connect and whom to trust. */
export function endpointOf(server: ServerSettings): Endpoint {
  const { host, port, caFile, pinnedCertSha256 } = server;
  return { host, port, caFile, pinnedCertSha256 };
}

/**
 * The handshake over a connected socket: pop3s, or STLS (the caller has already discarded
 * whatever arrived before the +OK was read). `context` when the caller already has it.
 */
export async function upgradeToTls(
  socket: net.Socket,
  endpoint: Endpoint,
  timeoutMs: number,
  context = secureContextFor(endpoint.caFile),
): Promise<tls.TLSSocket> {
  const secure = tls.connect({ ...tlsOptions(endpoint, context), socket });
  return verified(await settle(secure, 'secureConnect', timeoutMs, 'the TLS handshake', endpoint), endpoint);
}

function tlsOptions(endpoint: Endpoint, secureContext: tls.SecureContext): tls.ConnectionOptions {
  const host = endpoint.host.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    // SNI takes host names only (RFC 6066 §3); the certificate check still covers IP addresses.
    ...(net.isIP(host) ? {} : { servername: host }),
    rejectUnauthorized: false,
    // The CAs and the minimum version live in the shared context (see secure-contexts.ts).
    secureContext,
  };
}

/** Normalises "ab:cd…" / "ABCD…" to Node's "AB:CD:…" form. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/:/g, '').toUpperCase();
  return hex.match(/../g)?.join(':') ?? '';
}

/**
 * The trust decision: with a pin, exactly the pinned leaf certificate (name and chain are
 * what the user already accepted); without one, a chain to a trusted CA that names the host.
 */
function verified(socket: tls.TLSSocket, endpoint: Endpoint): tls.TLSSocket {
  if (endpoint.pinnedCertSha256) {
    const info = certificateInfo(socket.getPeerCertificate());
    if (info.sha256 === normalizeFingerprint(endpoint.pinnedCertSha256)) return socket;
    socket.destroy();
    throw new PopbiffError(
      'CERT_UNTRUSTED',
      `The server's certificate is not the one trusted for this account (SHA-256 ${info.sha256}).`,
      undefined,
      info,
    );
  }
  // The certificate is only read to be described: decoding it costs ~1 ms per connection.
  if (socket.authorized) return socket;
  const info = certificateInfo(socket.getPeerCertificate());
  const reason = /^[A-Z0-9_]{1,64}$/.test(String(socket.authorizationError))
    ? String(socket.authorizationError)
    : 'UNTRUSTED';
  socket.destroy();
  throw new PopbiffError(
    'CERT_UNTRUSTED',
    `The server's certificate is not trusted: ${reason} (SHA-256 fingerprint ${info.sha256}).`,
    undefined,
    info,
  );
}

/** The negotiated TLS version, cipher and the server's certificate; undefined on clear text. */
export function describeTls(socket: tls.TLSSocket | undefined): TlsInfo | undefined {
  if (!socket) return undefined;
  const cert = socket.getPeerCertificate();
  const info: TlsInfo = { protocol: socket.getProtocol() ?? '', cipher: socket.getCipher()?.name ?? '' };
  if (cert && Object.keys(cert).length > 0) info.certificate = certificateInfo(cert);
  return info;
}

function certificateInfo(cert: tls.PeerCertificate): CertificateInfo {
  return {
    sha256: cert.fingerprint256 ?? '',
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: cert.valid_from ?? '',
    validTo: cert.valid_to ?? '',
  };
}

function distinguishedName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  const parts = Object.entries(name).map(
    ([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`,
  );
  return cleanLine(parts.join(', ')).slice(0, 500);
}

/** Resolves once `ready` fires; any error or the deadline destroys the socket and rejects. */
function settle<S extends net.Socket>(
  socket: S,
  ready: 'connect' | 'secureConnect',
  timeoutMs: number,
  during: string,
  endpoint: Endpoint,
): Promise<S> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      clearTimeout(timer);
      socket.destroy();
      reject(socketError(error, { during, host: endpoint.host }));
    };
    const timer = setTimeout(
      () => fail(new PopbiffError('TIMEOUT', `No answer within ${timeoutMs} ms while ${during}.`)),
      timeoutMs,
    );
    socket.once('error', fail);
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}
