import { randomBytes } from "node:crypto";
import pg from "pg";

/** The machine's PostgreSQL (trust auth); overridable for other set-ups. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/test";

/**
 * A fresh, empty database for one test file, dropped by `drop()`: tests never share tables.
 * @example const db = await freshDatabase(); … await db.drop();
 */
export async function freshDatabase(label = "t"): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${label}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    /**
     * Drops the database once every connection to it is closed. Not WITH (FORCE): killing a connection
     * some library still holds raises an error in that library's process. A database still in use after
     * a few seconds is left behind (a throwaway name), and the leak shows in pg_stat_activity.
     */
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        for (let attempt = 0; attempt < 25; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS "${name}"`);
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
