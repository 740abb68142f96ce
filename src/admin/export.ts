import { attendanceCsv } from "../sessions/attendance-export.ts";
import { salesCsv } from "../sales/export.ts";
import { UsageError, type AdminContext } from "./context.ts";

const USAGE = "usage: npm run admin -- export sales|attendance --cohort KEY [--from YYYY-MM-DD] [--to YYYY-MM-DD]";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function date(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${name} expects a date like 2026-11-30`);
  return new Date(`${value}T00:00:00Z`);
}

/** `admin -- export sales --cohort KEY [--from DATE --to DATE]`: the CAE's CSV on standard output. */
export async function exportCommand(ctx: AdminContext, args: string[]): Promise<void> {
  if (args[0] !== "sales" && args[0] !== "attendance") throw new UsageError(USAGE);
  const key = option(args, "--cohort");
  if (!key) throw new UsageError(USAGE);
  const from = date(option(args, "--from"), "--from");
  const to = date(option(args, "--to"), "--to");
  const { prisma } = await ctx.db();
  const cohort = await prisma.cohort.findUnique({ where: { key } });
  if (!cohort) throw new UsageError(`no cohort with key "${key}"`);
  const { csv, rows } = args[0] === "sales" ? await salesCsv(prisma, { cohortIds: [cohort.id], from, to }) : await attendanceCsv(prisma, [cohort.id]);
  ctx.out.write(csv);
  await prisma.auditLog.create({ data: { action: `export.${args[0]}`, subject: cohort.key, details: { rows, from: from ?? null, to: to ?? null, via: "admin" } } });
  ctx.err.write(`${rows} row(s) exported for ${cohort.name}.\n`);
}
