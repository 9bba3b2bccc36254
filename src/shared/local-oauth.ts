/**
 * The "local" OAuth provider: a test build's stand-in for Google or Microsoft, so the whole
 * sign-in (the browser's sign-in window, the host's code exchange, XOAUTH2) can run against an
 * authorization server on this computer. It exists only in a build given all three settings
 * (VITE_POPBIFF_LOCAL_OAUTH_*, see build-env.d.ts), and only with loopback addresses: a build
 * set up by mistake with another address has no local provider at all, so a code or token can
 * never be sent off this computer through it. A release build sets none of them.
 */

export interface LocalOAuthSettings {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
}

/** The build's settings, or undefined when any is missing or names a non-loopback address. */
export function localOAuthSettings(given: Partial<LocalOAuthSettings>): LocalOAuthSettings | undefined {
  const { authorizeUrl = '', tokenUrl = '', clientId = '' } = given;
  if (clientId === '' || !isLoopbackUrl(authorizeUrl) || !isLoopbackUrl(tokenUrl)) return undefined;
  return { authorizeUrl, tokenUrl, clientId };
}

/** http(s) on 127.0.0.1 or ::1; a name such as "localhost" could be made to resolve elsewhere. */
export function isLoopbackUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]']);

/** The local provider signs in to POP3 servers on this computer only. */
export function isLoopbackServer(host: string): boolean {
  const wanted = host.trim().toLowerCase();
  return wanted === '127.0.0.1' || wanted === '::1' || wanted === '[::1]';
}
