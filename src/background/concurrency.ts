/**
 * A gate that lets at most `max` tasks run at once; the rest wait their turn in order.
 * Returned promises settle like the tasks they wrap.
 */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];

  const acquire = async (): Promise<void> => {
    if (running < max) {
      running += 1;
      return;
    }
    // The slot is handed over by `release`, so `running` never counts it twice.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };

  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return async <T>(task: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * At most `perKey` tasks of one key and `total` tasks in all at once. A task takes its key's
 * slot before a shared one, so tasks queued behind a busy key never hold shared slots that
 * another key could use.
 */
export function keyedConcurrencyLimit(
  perKey: number,
  total: number,
): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const shared = concurrencyLimit(total);
  const byKey = new Map<string, { limit: ReturnType<typeof concurrencyLimit>; users: number }>();
  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const entry = byKey.get(key) ?? { limit: concurrencyLimit(perKey), users: 0 };
    byKey.set(key, entry);
    entry.users += 1;
    try {
      return await entry.limit(() => shared(task));
    } finally {
      // Forget a key nobody waits on, so a long-lived limiter does not grow with every key.
      entry.users -= 1;
      if (entry.users === 0) byKey.delete(key);
    }
  };
}
