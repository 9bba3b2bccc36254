import { DEFAULT_PORTS, ServerSettings } from '../../shared/server';
import { UsageError } from './usage-error';

/**
 * `pop3s://USER@HOST:PORT` (TLS from the first byte) or `pop3://USER@HOST:PORT` (STLS required,
 * or clear text with --insecure-plaintext) as the ServerSettings a check needs. USER is
 * percent-decoded, so `user%40example.org` signs in as `user@example.org`.
 */
export interface PopUrlOptions {
  insecurePlaintext?: boolean;
  caFile?: string | undefined;
}

export function parsePopUrl(text: string, options: PopUrlOptions = {}): ServerSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${text}" is not a URL; write pop3s://USER@HOST:PORT or pop3://USER@HOST:PORT.`);
  }
  const security = securityOf(url.protocol, options.insecurePlaintext ?? false);
  if (url.password)
    throw new UsageError('Do not put the password in the URL; set POPBIFF_PASSWORD or type it when asked.');
  if (url.pathname !== '' && url.pathname !== '/') throw new UsageError('The URL may not have a path.');
  const settings = {
    // URL keeps IPv6 literals in brackets; sockets want the bare address.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? DEFAULT_PORTS[security] : Number(url.port),
    security,
    allowPlaintext: security === 'plain',
    username: decodeUser(url.username),
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
  };
  const parsed = ServerSettings.safeParse(settings);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join(' '));
  return parsed.data;
}

function securityOf(protocol: string, insecurePlaintext: boolean): ServerSettings['security'] {
  if (protocol === 'pop3s:') {
    if (insecurePlaintext) throw new UsageError('--insecure-plaintext only goes with pop3:// URLs.');
    return 'tls';
  }
  if (protocol === 'pop3:') return insecurePlaintext ? 'plain' : 'starttls';
  throw new UsageError(`Unknown scheme "${protocol}"; use pop3s:// (TLS) or pop3:// (STARTTLS).`);
}

function decodeUser(encoded: string): string {
  if (encoded === '') throw new UsageError('The URL needs a user name: pop3s://USER@HOST.');
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new UsageError('The user name in the URL is not correctly percent-encoded.');
  }
}

/**
 * The other way: the `popbiff check` arguments for a server, so an account found elsewhere can be
 * checked from the terminal as it is (the user name percent-encoded, IPv6 in brackets).
 */
export function checkArgsFor(server: Pick<ServerSettings, 'host' | 'port' | 'security' | 'username'>): string[] {
  const scheme = server.security === 'tls' ? 'pop3s' : 'pop3';
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  const url = `${scheme}://${encodeURIComponent(server.username)}@${host}:${server.port}`;
  return server.security === 'plain' ? [url, '--insecure-plaintext'] : [url];
}
