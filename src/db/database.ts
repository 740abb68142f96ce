import { mkdirSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { lockEmbedded } from "./embedded-lock.ts";
import { PrismaClient } from "./generated/client.ts";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

/** The Prisma client plus what the composition root needs to check and close the database. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: DatabaseTarget["kind"];
  /** The embedded database, when there is one (migrations reuse it: PGlite serves one process). */
  readonly pglite?: PGlite;
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL when a URL is configured, else the embedded PGlite database under `dataDir`
 * (PostgreSQL 17 in WebAssembly; a directory path keeps data, "memory://" keeps it in memory).
 * Each kind's driver is loaded only when used: PGlite alone takes about 0.4 s to load, which an
 * admin command against PostgreSQL would otherwise pay on every run.
 */
export async function openDatabase(target: DatabaseTarget, onPoolError?: (err: Error) => void): Promise<Database> {
  if (target.kind === "postgres") {
    const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
    // An idle connection dropped by the server (restart, failover) emits "error" on the pool: without a
    // listener that would crash the process. The pool replaces the connection; the next query reconnects.
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    pool.on("error", (err) => onPoolError?.(err));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return wrap(prisma, "postgres", undefined, pool);
  }
  const onDisk = !target.dataDir.startsWith("memory://");
  if (onDisk) mkdirSync(target.dataDir, { recursive: true });
  // One process at a time on the folder (db/embedded-lock.ts): refused here, before PGlite touches it.
  const unlock = onDisk ? lockEmbedded(target.dataDir) : () => undefined;
  try {
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
    const pglite = await PGlite.create(target.dataDir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return wrap(prisma, "pglite", pglite, undefined, unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}

function wrap(prisma: PrismaClient, kind: DatabaseTarget["kind"], pglite?: PGlite, pool?: pg.Pool, unlock?: () => void): Database {
  let closed = false;
  return {
    prisma,
    kind,
    pglite,
    async ping(timeoutMs = 2000) {
      await withTimeout(prisma.$queryRawUnsafe("SELECT 1"), timeoutMs, "database");
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      if (pool && !pool.ended) await pool.end();
      if (pglite && !pglite.closed) await pglite.close();
      unlock?.();
    },
  };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
