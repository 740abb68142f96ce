import { describe, expect, it } from "vitest";
import { groupCommit } from "../../../src/core/group-commit.ts";

/** A batch runner whose batches finish only when the test lets them, recording each batch it was given. */
function gated() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const run = async (items: readonly number[]) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => releases.push(resolve));
    return items.map((n) => (n < 0 ? new Error(`negative ${n}`) : n * 10));
  };
  return { batches, releases, run };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("group commit", () => {
  it("runs a lone item at once, and gathers what arrives while batches run into the next one", async () => {
    const g = gated();
    const load = groupCommit(g.run, { maxBatch: 100, maxInFlight: 1 });
    const first = load(1);
    await tick();
    expect(g.batches).toEqual([[1]]);
    // While the first batch runs, six more arrive over several turns of the event loop.
    const later = [load(2), load(3)];
    await tick();
    later.push(load(4), load(5));
    await tick();
    later.push(load(6), load(7));
    await tick();
    expect(g.batches).toHaveLength(1);
    g.releases.shift()!();
    expect(await first).toBe(10);
    await tick();
    expect(g.batches[1]).toEqual([2, 3, 4, 5, 6, 7]);
    g.releases.shift()!();
    expect(await Promise.all(later)).toEqual([20, 30, 40, 50, 60, 70]);
  });

  it("gives each caller its own result or error, and a thrown batch's error to all its callers", async () => {
    const load = groupCommit(async (items: readonly number[]) => items.map((n) => (n < 0 ? new Error(`negative ${n}`) : n + 1)), { maxBatch: 10, maxInFlight: 2 });
    const results = await Promise.allSettled([load(1), load(-2), load(3)]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([2, "negative -2", 4]);
    const failing = groupCommit(async () => Promise.reject(new Error("database down")), { maxBatch: 10, maxInFlight: 1 });
    const all = await Promise.allSettled([failing(1), failing(2)]);
    expect(all.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("never runs more batches at once than allowed, and splits at the batch size", async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const load = groupCommit(
      async (items: readonly number[]) => {
        running++;
        most = Math.max(most, running);
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return [...items];
      },
      { maxBatch: 7, maxInFlight: 2 },
    );
    const out = await Promise.all(Array.from({ length: 50 }, (_, i) => load(i)));
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(most).toBeLessThanOrEqual(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(50);
  });
});
