import DataLoader from "dataloader";

export interface GroupCommitOptions {
  /** Items in one batch at most. */
  maxBatch: number;
  /** Batches running at once at most; items arriving meanwhile wait and join the next batch. */
  maxInFlight: number;
}

/**
 * Group commit: items handed in one by one by concurrent callers (webhooks, jobs) are run together
 * as one batch, and each caller gets its own result. The first item goes at once (no added wait when
 * the service is quiet); while `maxInFlight` batches are running, new items gather into the next
 * one, so the busier the service, the larger and fewer its batches. Built on DataLoader, whose
 * `batchScheduleFn` decides when a gathered batch goes. `run` returns one result (or Error) per item,
 * in order; when it throws, every caller of that batch gets the error.
 */
export function groupCommit<K, V>(run: (items: readonly K[]) => Promise<readonly (V | Error)[]>, opts: GroupCommitOptions): (item: K) => Promise<V> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    inFlight--;
    const next = waiting.shift();
    if (next) next();
  };
  const loader = new DataLoader<K, V>(
    async (items) => {
      try {
        return await run(items);
      } finally {
        release();
      }
    },
    {
      cache: false,
      maxBatchSize: opts.maxBatch,
      batchScheduleFn(dispatch) {
        // A batch that may go now still gathers the items of this turn of the event loop.
        if (inFlight < opts.maxInFlight) {
          inFlight++;
          setImmediate(dispatch);
        } else {
          waiting.push(() => {
            inFlight++;
            dispatch();
          });
        }
      },
    },
  );
  return (item) => loader.load(item);
}
