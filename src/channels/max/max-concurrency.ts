// At most `limit` updates handled at once; the rest wait their turn in memory. Without a
// bound, a burst larger than the database pool starts every handler together and they
// time out waiting for a connection (grammY runner's sink bounds Telegram the same way).
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

/** Updates handled at once, as the Telegram runner's sink allows. */
export const MAX_UPDATES_IN_FLIGHT = 200;

export function createConcurrencyLimit(limit: number): ConcurrencyLimit {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`a concurrency limit must be a positive integer, not ${limit}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next in line, so a newcomer never slips in between.
    if (active < limit) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
