/**
 * Prisma's schema (migration) engine, run as WebAssembly over driver adapters.
 *
 * Why not the Prisma CLI: Prisma 7 downloads a native schema-engine binary at run time, and
 * production and CI machines here have no internet. `@prisma/schema-engine-wasm` is the same
 * engine compiled to WebAssembly; it talks to the database through a driver adapter instead of
 * its own drivers, so it produces the same `_prisma_migrations` rows and checksums as the CLI.
 * See /work/shared/DESIGN.md §6 for the traps worked around below.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

export type SchemaEngine = glue.SchemaEngine;
export type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";

/** No externally managed tables or enums: the engine owns the whole schema. */
export const NO_FILTER: glue.SchemaFilter = { externalTables: [], externalEnums: [] };

/** Node has WebAssembly, but this project's libs (ES2023, no DOM) do not type it. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<unknown>;
  Instance: new (module: unknown, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let wasmReady: Promise<void> | undefined;

/**
 * The package entry imports the `.wasm` file as an ES module, which Node 20 cannot do, so the
 * wasm-bindgen glue is loaded alone and the module is instantiated by hand, once per process.
 */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const imports: Record<string, unknown> = { ...glue };
    for (const [name, fn] of Object.entries(glue)) {
      // The engine arms a 10 s timer per advisory lock (its lock timeout) and never clears it,
      // which would hold every CLI run open for 10 s: unref it. It always races database I/O.
      if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
        imports[name] = (...args: unknown[]) => {
          const timer = (fn as (...a: unknown[]) => unknown)(...args);
          (timer as { unref?: () => void } | undefined)?.unref?.();
          return timer;
        };
      }
    }
    const instance = new wasmApi.Instance(await wasmApi.compile(bytes), { "./schema_engine_bg.js": imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  wasmReady.catch(() => (wasmReady = undefined));
  return wasmReady;
}

/**
 * Makes `executeScript` send the whole migration in one simple-protocol call. PostgreSQL runs such a
 * multi-statement query as one implicit transaction, so a failing statement rolls back the entire
 * migration. (`@prisma/adapter-pg` splits on `;` and commits statement by statement;
 * `pglite-prisma-adapter` does not await the script, so a failure is reported as success.)
 * Errors are re-thrown untouched: the binder files them in its error registry, from which
 * {@link EngineSession.explain} recovers the database's own message and SQLSTATE.
 */
function wholeScripts(adapter: SqlDriverAdapter, run: (script: string) => Promise<unknown>): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    await run(script);
  };
  return adapter;
}

/** A factory over a pg pool. The shadow database is never needed against a real server here. */
export function pgFactory(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg(pool);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wholeScripts(await inner.connect(), (sql) => pool.query(sql)),
    connectToShadowDb: () => Promise.reject(new Error("no shadow database for a PostgreSQL target")),
  };
}

/**
 * A factory over a PGlite instance, with an optional shadow PGlite. (The adapter's own shadow is a
 * fresh PGlite that nobody closes.) Disposing a connection never closes PGlite: the caller owns it.
 */
export function pgliteFactory(main: PGlite, shadow?: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const open = async (db: PGlite) => {
    const adapter = wholeScripts(await new PrismaPGlite(db).connect(), (sql) => db.exec(sql));
    adapter.dispose = async () => {};
    return adapter;
  };
  return {
    provider: "postgres",
    adapterName: new PrismaPGlite(main).adapterName,
    connect: () => open(main),
    connectToShadowDb: () => (shadow ? open(shadow) : Promise.reject(new Error("no shadow database configured"))),
  };
}

/** An engine error with what a person needs: the database's message, SQLSTATE and migration. */
export class SchemaEngineError extends Error {
  override name = "SchemaEngineError";
  constructor(
    message: string,
    /** The migration being applied when it failed, from the engine's span trace. */
    readonly migrationName: string | undefined,
    /** SQLSTATE (e.g. 42P01) or Prisma code (e.g. P3009), when known. */
    readonly code: string | undefined,
    /** 1-based character offset in the script, as PostgreSQL reports it. */
    readonly position: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface EngineSession {
  readonly engine: SchemaEngine;
  /** Turns whatever the engine threw into a {@link SchemaEngineError} with the real cause. */
  explain(error: unknown): SchemaEngineError;
  /** Frees the engine. Adapters' pools and PGlite instances stay open: their owners close them. */
  close(): void;
}

let starts = 0;

/**
 * How many engines this process has started. Starting one costs seconds, so an up-to-date database must
 * not start any (src/db/pending-migrations.ts); tests check that promise with this count.
 */
export function schemaEngineStarts(): number {
  return starts;
}

/** Starts an engine over `factory`. Engine logs go to stderr only when DEBUG mentions "schema-engine". */
export async function openSchemaEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<EngineSession> {
  starts++;
  await loadWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const verbose = /schema-engine|prisma/.test(process.env.DEBUG ?? "");
  const onLog = (line: string) => {
    if (verbose) process.stderr.write(line);
  };
  const explain = (error: unknown) => explainError(error, (id) => bound.errorRegistry.consumeError(id)?.error);
  let engine: SchemaEngine;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: undefined }, onLog, bound);
  } catch (error) {
    throw explain(error);
  }
  return { engine, explain, close: () => engine.free() };
}

type DbError = Error & { code?: unknown; position?: unknown; detail?: unknown; hint?: unknown };

/**
 * Engine errors read "external connector error\nExternal error id#3\n   0: span trace…": the real
 * driver error sits in the registry under that id. Known adapter errors arrive already mapped
 * ("No such table: x"); the span trace is dropped from the message but the migration name kept.
 */
export function explainError(error: unknown, lookup: (id: number) => unknown): SchemaEngineError {
  if (error instanceof SchemaEngineError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const migrationName = /migration_name="([^"]+)"/.exec(raw)?.[1];
  const lines = raw.split("\n");
  const traceStart = lines.findIndex((l) => /^\s+0: /.test(l));
  let message = (traceStart >= 0 ? lines.slice(0, traceStart) : lines)
    .map((l) => l.trim())
    .filter((l) => l && l !== "external connector error")
    .join(" ");
  let code = typeof (error as { code?: unknown })?.code === "string" ? (error as { code: string }).code : undefined;
  let position: number | undefined;
  let cause: unknown = error;
  const id = /External error id#(\d+)/.exec(raw);
  const real = id ? lookup(Number(id[1])) : undefined;
  if (real instanceof Error) {
    const db = real as DbError;
    cause = real;
    message = [db.message, typeof db.detail === "string" ? `Detail: ${db.detail}` : "", typeof db.hint === "string" ? `Hint: ${db.hint}` : ""]
      .filter(Boolean)
      .join(". ");
    code = typeof db.code === "string" ? db.code : code;
    position = Number(db.position) || undefined;
  }
  return new SchemaEngineError(message || raw, migrationName, code, position, { cause });
}
