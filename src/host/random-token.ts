/**
 * Random bytes as text, with node:crypto loaded on first use: the host's `hello` never needs one,
 * and loading crypto at start-up costs about 25 ms of the time a browser waits for the reply
 * (bench/host-startup.ts).
 */
export async function randomToken(bytes: number, encoding: 'hex' | 'base64url'): Promise<string> {
  const { randomBytes } = await import('node:crypto');
  return randomBytes(bytes).toString(encoding);
}
