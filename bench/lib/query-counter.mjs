// Diagnostics only (BENCH_QUERY_COUNT=1): preloaded into the service process with --import, counts every
// statement sent through `pg` (which Prisma's adapter uses) by its text, and writes the counts to
// $BENCH_QUERY_COUNT_FILE when the process exits. Nothing of the service is changed.
import { writeFileSync } from "node:fs";
import pg from "pg";

const counts = new Map();
let total = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function query(config, values, callback) {
  const text = typeof config === "string" ? config : config && config.text;
  if (typeof text === "string") {
    total++;
    const key = text.replace(/\s+/g, " ").trim().slice(0, 200);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return original.call(this, config, values, callback);
};
process.on("exit", () => {
  if (!process.env.BENCH_QUERY_COUNT_FILE) return;
  writeFileSync(process.env.BENCH_QUERY_COUNT_FILE, JSON.stringify({ total, statements: [...counts].sort((a, b) => b[1] - a[1]) }));
});
