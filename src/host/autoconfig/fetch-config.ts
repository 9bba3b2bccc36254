/**
 * Fetches one autoconfig file: HTTPS only (certificates verified by Node), no redirects, a
 * short deadline and a size cap. Plain HTTP is accepted only for loopback addresses, which only
 * the test override (POPBIFF_AUTOCONFIG_URLS) can produce.
 */
import { PopbiffError } from '../../shared/errors';

export const FETCH_LIMITS = { timeoutMs: 5_000, maxBytes: 64 * 1024 } as const;

export type FetchText = (url: string) => Promise<string | undefined>;

export function isAllowedUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}

/** The body, or undefined when there is no file (any HTTP error, redirect or network failure). */
export async function fetchConfig(
  url: string,
  limits: { timeoutMs: number; maxBytes: number } = FETCH_LIMITS,
): Promise<string | undefined> {
  if (!isAllowedUrl(new URL(url))) throw new PopbiffError('BAD_REQUEST', 'Autoconfig addresses must use HTTPS.');
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error', signal, headers: { accept: 'application/xml, text/xml' } });
  } catch {
    return undefined;
  }
  if (!response.ok || !response.body) return undefined;
  return readCapped(response.body, limits.maxBytes, signal);
}

async function readCapped(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  signal: AbortSignal,
): Promise<string | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // Larger than any real config file: not worth reading further.
      if (total > maxBytes) return undefined;
      chunks.push(value);
    }
  } catch {
    return undefined;
  } finally {
    if (!signal.aborted) void reader.cancel().catch(() => {});
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
