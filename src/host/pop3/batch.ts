/**
 * Sends a phase's commands either one at a time or pipelined (RFC 2449 §6.6): all written
 * before the replies are read, the replies matched in order by the session's queue.
 *
 * Writes are bounded: at most MAX_IN_FLIGHT commands of at most 255 octets are outstanding,
 * i.e. never more than PIPELINE_WRITE_AHEAD octets written ahead of what was read, so neither
 * side can deadlock on full socket buffers.
 */
import { MAX_COMMAND, PIPELINE_WRITE_AHEAD } from './limits';

/** Starts one command (writing it at once) and resolves with its parsed reply. */
export type Step<T> = () => Promise<T>;

export const MAX_IN_FLIGHT = Math.floor(PIPELINE_WRITE_AHEAD / MAX_COMMAND);

export async function runBatch<T>(steps: readonly Step<T>[], pipelined: boolean): Promise<T[]> {
  const results: T[] = [];
  if (!pipelined) {
    for (const step of steps) results.push(await step());
    return results;
  }
  const inFlight: Promise<T>[] = [];
  for (const step of steps) {
    if (inFlight.length >= MAX_IN_FLIGHT) results.push(await (inFlight.shift() as Promise<T>));
    inFlight.push(quiet(step()));
  }
  for (const reply of inFlight) results.push(await reply);
  return results;
}

/**
 * Marks a promise as handled: when an earlier reply fails, later ones reject too, and that must
 * not surface as an unhandled rejection. The caller still awaits (and sees) the original.
 */
export function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
