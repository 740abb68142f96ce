/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await sleep(everyMs);
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
}

/** `eventually`, with what was awaited named when it is not reached. */
export function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs: number, everyMs = 100): Promise<NonNullable<T>> {
  return eventually(check, timeoutMs, everyMs).catch((err: unknown) => {
    throw new Error(`${what}: ${(err as Error).message}`);
  });
}
