/**
 * How long the property tests in test/fuzz run. The default suite runs a short version;
 * `npm run fuzz` sets POPBIFF_FUZZ_RUNS (100,000) and the same tests run long. A counterexample
 * found either way becomes a named regression test beside the property.
 */
import { PopbiffError } from '../../src/shared/errors';

export const FUZZ_RUNS = Math.max(1, Number(process.env.POPBIFF_FUZZ_RUNS ?? 300) || 300);

/** Per test: the suite's usual 20 s, or 50 ms a case when running long (parsing a header block with a loaded machine takes 30). */
export const FUZZ_TIMEOUT_MS = Math.max(20_000, FUZZ_RUNS * 50);

export const fuzzOptions = { numRuns: FUZZ_RUNS } as const;

/** Runs `work`; anything it throws must be a typed PopbiffError (whose code is returned). */
export function typedOutcome<T>(work: () => T): T | PopbiffError {
  try {
    return work();
  } catch (error) {
    if (error instanceof PopbiffError) return error;
    throw error;
  }
}

/** Splits bytes at the given cut points (any order, any values), as TCP may. */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(Buffer.from(bytes.subarray(start, point)));
    start = point;
  }
  return chunks;
}
