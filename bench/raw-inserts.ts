import type pg from "pg";
import type { Cleanup } from "./lib/cleanup.ts";
import { pool as pgPool } from "./lib/database.ts";
import { log, round } from "./lib/log.ts";

/**
 * The limit of `inbound_throughput`: single-row INSERTs per second into the same PostgreSQL, one
 * statement per round trip in autocommit (so one commit, one WAL flush each, as the server groups
 * them), `concurrency` connections in parallel through `pg`, for `durationMs` after a short warm-up.
 * The table is simple: a bigserial key, two short texts, a timestamp.
 */
export async function rawInsertsPerSecond(cleanup: Cleanup, databaseUrl: string, opts: { concurrency: number; durationMs: number }): Promise<number> {
  const pool = pgPool(cleanup, databaseUrl, opts.concurrency);
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_raw_insert (id bigserial PRIMARY KEY, sender text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  const clients = await Promise.all(Array.from({ length: opts.concurrency }, () => pool.connect()));
  try {
    let counting = false;
    let stop = false;
    let count = 0;
    const loop = async (c: pg.PoolClient, k: number) => {
      let i = 0;
      while (!stop) {
        await c.query("INSERT INTO bench_raw_insert (sender, body) VALUES ($1, $2)", [`3360${k}${i++}`, "vendu 3 plats à 12€"]);
        if (counting) count++;
      }
    };
    const loops = clients.map((c, k) => loop(c, k));
    await new Promise((r) => setTimeout(r, 500));
    counting = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, opts.durationMs));
    counting = false;
    const seconds = (performance.now() - t0) / 1000;
    stop = true;
    await Promise.all(loops);
    const rate = count / seconds;
    log(`raw inserts: ${count} single-row INSERTs in ${round(seconds)} s with ${opts.concurrency} connections = ${round(rate)} rows/s`);
    return rate;
  } finally {
    for (const c of clients) c.release();
    await pool.query("DROP TABLE IF EXISTS bench_raw_insert").catch(() => undefined);
  }
}
