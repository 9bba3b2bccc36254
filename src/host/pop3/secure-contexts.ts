/**
 * One TLS secure context per distinct set of trusted CAs, reused by every connection that
 * trusts that set. Building a context from Node's bundled root certificates plus an account's
 * CA file costs about 30 ms, and its native memory is only released by a rare full garbage
 * collection: a host that built one per check grew from 127 MB to 945 MB over 2,000 checks.
 *
 * The CA file is read on every connection, so a replaced file takes effect at the next check;
 * the context is keyed by the file's content, not its path, so two accounts naming the same
 * CA in two places share one context.
 */
import { createHash } from 'node:crypto';
import tls from 'node:tls';
import { checkCertificates, readPemBlocks } from './ca-file';
import { MAX_SECURE_CONTEXTS } from './limits';

/** Every context Popbiff builds refuses TLS before 1.2; the system-CA one is built on first use. */
const MIN_VERSION = 'TLSv1.2';

const contexts = new Map<string, tls.SecureContext>();

/** The context for the system's CAs, plus the PEM in `caFile` when one is given. */
export function secureContextFor(caFile: string | undefined): tls.SecureContext {
  const blocks = caFile === undefined || caFile === '' ? undefined : readPemBlocks(caFile);
  const pem = blocks?.join('\n');
  const key = pem === undefined ? 'system' : createHash('sha256').update(pem).digest('hex');
  const cached = contexts.get(key);
  if (cached) {
    // Most recently used last, so the eviction below drops the one unused the longest.
    contexts.delete(key);
    contexts.set(key, cached);
    return cached;
  }
  const context = tls.createSecureContext({ minVersion: MIN_VERSION });
  if (blocks !== undefined && pem !== undefined) {
    // Decoded once per CA set, not at every connection: the cached context stands for the check.
    checkCertificates(blocks);
    addCertificates(context, pem);
  }
  contexts.set(key, context);
  if (contexts.size > MAX_SECURE_CONTEXTS) {
    const oldest = contexts.keys().next().value;
    if (oldest !== undefined) contexts.delete(oldest);
  }
  return context;
}

/** The part of Node's SecureContext that takes more trusted CAs (see addCertificates). */
interface NativeSecureContext {
  addCACert(pem: string): void;
}

/**
 * Adds the file's CAs to the context's roots. The documented way, the `ca` option, replaces
 * the roots, so they would have to be passed back as ~140 PEM texts and parsed again: 40-130 ms
 * of the host's one thread per CA set, the largest single cost of a 20-account batch. The
 * native context gives this context its own copy of the roots already loaded and adds the file
 * (1-2 ms): the process's own roots (the system's under --use-openssl-ca) plus the file, which
 * test/host/ca-file-roots.test.ts shows; NODE_EXTRA_CA_CERTS stays out, as it did before.
 */
function addCertificates(context: tls.SecureContext, pem: string): void {
  (context.context as NativeSecureContext).addCACert(pem);
}

/** How many contexts are kept now (for tests of the bound). */
export function cachedSecureContexts(): number {
  return contexts.size;
}
