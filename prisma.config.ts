import { defineConfig } from "prisma/config";

// Prisma's CLI is used here only to generate the client; migrations run through scripts/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
