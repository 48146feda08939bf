// Runs tasks with at most `limit` in flight, keeping input order in the results.
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

// Rejects with onTimeout() when `work` has not settled within ms. Cancelling the work is the caller's (scan
// passes an AbortSignal to the client, which aborts the call in flight and logs out); this only stops waiting.
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// A target that produced no result within --target-timeout.
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly seconds: number) {
    super(`no result within --target-timeout ${seconds}s`);
  }
}
