// Group commit for many small writes: callers add one item each and wait for its answer;
// items that arrive while a batch is being written go out together in the next one. No
// timer: a lone caller is written at once (after the current tick, so callers that resolve
// together share a batch), and under load the batches grow by themselves, so one message
// costs a fraction of a round trip instead of a commit of its own.
export interface GroupBatcher<I, R> {
  add(item: I): Promise<R>;
  /** Items waiting or being written. */
  pending(): number;
}

export interface GroupBatcherOptions {
  /** Largest batch written at once; more items wait for the next. */
  maxBatch?: number;
  /** Batches written at the same time, each on its own connection. */
  inFlight?: number;
}

interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** `write` answers every item of a batch, in order; a failed batch fails each of its callers. */
export function createGroupBatcher<I, R>(write: (items: I[]) => Promise<R[]>, options: GroupBatcherOptions = {}): GroupBatcher<I, R> {
  const maxBatch = options.maxBatch ?? 500;
  const inFlight = options.inFlight ?? 2;
  const waiting: Waiting<I, R>[] = [];
  let writing = 0;
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    while (writing < inFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      writing += 1;
      void write(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i] as R)),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          writing -= 1;
          schedule();
        });
    }
  }

  function schedule(): void {
    if (scheduled || waiting.length === 0 || writing >= inFlight) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        schedule();
      });
    },
    pending: () => waiting.length + writing,
  };
}
