import { randomBytes } from "node:crypto";
import pg from "pg";
import { deployMigrations } from "../../src/db/migrations.ts";
import { ADMIN_URL } from "../../tests/support/postgres.ts";
import type { Cleanup } from "./cleanup.ts";
import { log } from "./log.ts";

/** Every database of one run shares this tag, so a run's leftovers are recognisable (`bench_<tag>_…`). */
export const RUN_TAG = randomBytes(3).toString("hex");

function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function createDatabase(cleanup: Cleanup, name: string, template?: string): Promise<string> {
  await admin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  cleanup.add(`drop database ${name}`, () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
  return urlOf(name);
}

/**
 * Fresh databases for one run: the migrations are applied once, to a template, and each metric gets a
 * copy (`CREATE DATABASE … TEMPLATE`, a file copy: much faster than migrating again). All are dropped
 * WITH (FORCE) by the cleanup, template last.
 */
export class Databases {
  private template?: string;
  private count = 0;
  /** `cleanup` drops the template at the very end; each copy is dropped by the cleanup given to `fresh`. */
  constructor(private readonly cleanup: Cleanup) {}

  async fresh(label: string, scope: Cleanup): Promise<{ url: string; name: string }> {
    if (!this.template) {
      const name = `bench_${RUN_TAG}_template`;
      const t0 = performance.now();
      const url = await createDatabase(this.cleanup, name);
      await deployMigrations({ kind: "postgres", url });
      log(`migrated template database ${name} in ${Math.round(performance.now() - t0)} ms`);
      this.template = name;
    }
    const name = `bench_${RUN_TAG}_${++this.count}_${label}`;
    return { url: await createDatabase(scope, name, this.template), name };
  }
}

/** A plain `pg` pool on a benchmark database (seeding, checks); ended by the cleanup. */
export function pool(cleanup: Cleanup, url: string, max = 4): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max });
  p.on("error", () => undefined);
  cleanup.add("end pg pool", () => p.end());
  return p;
}
