/**
 * Polls `read` until `accept` holds, for state that a browser or server reaches on its own time;
 * fails with the last value seen. Bounded: never a bare sleep, never an endless loop.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}
