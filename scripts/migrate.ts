/**
 * Offline replacement for `prisma migrate deploy` / `prisma migrate dev --create-only`
 * (the Prisma CLI needs to download its schema engine; see src/db/migrations.ts).
 *
 *   tsx scripts/migrate.ts deploy      apply pending migrations to DATABASE_URL, or to the
 *                                      embedded PGlite under $DATA_DIR/pglite (default ./data/pglite)
 *   tsx scripts/migrate.ts new NAME    write prisma/migrations/<timestamp>_NAME from schema.prisma
 */
import path from "node:path";
import { createMigration, deployMigrations, type MigrationTarget } from "../src/db/migrations.ts";

const USAGE = "usage: tsx scripts/migrate.ts deploy | new NAME";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "deploy" && rest.length === 0) {
    const url = process.env.DATABASE_URL?.trim();
    const target: MigrationTarget = url
      ? { kind: "postgres", url }
      : { kind: "pglite", dataDir: path.resolve(process.env.DATA_DIR?.trim() || "./data", "pglite") };
    const { applied } = await deployMigrations(target);
    for (const name of applied) console.log(`Applied migration ${name}`);
    if (applied.length === 0) console.log("Database is up to date");
    return 0;
  }
  if (command === "new" && rest.length === 1 && rest[0]) {
    const folder = await createMigration(rest[0]);
    console.log(folder ? `Created ${path.relative(process.cwd(), folder)}` : "No schema changes: no migration created");
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`migrate: ${message.replace(/\s*\n\s*/g, " ")}`);
    process.exitCode = 1;
  },
);
