import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { impactCsv } from "../reports/impact/csv.ts";
import { impactFigures } from "../reports/impact/data.ts";
import { impactHtml } from "../reports/impact/html.ts";
import { UnknownCohortError } from "../reports/impact/load.ts";
import { UsageError, type AdminContext } from "./context.ts";

const USAGE = "usage: npm run admin -- report impact [--cohort KEY] [--out DIR] [--names]";

/** `impact-2026-03-01`, `impact-cuisine-2026-2026-03-01`, with `-names` when the files hold personal data. */
export function impactFileStem(date: string, cohortKey?: string, names = false): string {
  const key = cohortKey === undefined ? "" : `${cohortKey.replace(/[^A-Za-z0-9_-]+/g, "_")}-`;
  return `impact-${key}${date}${names ? "-names" : ""}`;
}

function parseArgs(args: string[]): { cohortKey?: string; outDir: string; names: boolean } {
  if (args[0] !== "impact") throw new UsageError(USAGE);
  let cohortKey: string | undefined;
  let outDir = "reports";
  let names = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--") || v === "") throw new UsageError(`${arg} expects a value; ${USAGE}`);
      return v;
    };
    if (arg === "--cohort") cohortKey = value();
    else if (arg === "--out") outDir = value();
    else if (arg === "--names") names = true;
    else throw new UsageError(`unknown argument "${arg}"; ${USAGE}`);
  }
  return { cohortKey, outDir, names };
}

/**
 * `admin -- report impact [--cohort KEY] [--out DIR] [--names]`: writes the funders' impact report,
 * `impact-YYYY-MM-DD.csv` and `.html`, into DIR (default ./reports) and prints their paths.
 * Anonymous unless `--names`, with every figure about fewer than 5 people shown as "< 5"
 * (reports/impact-small-numbers.ts). The CLI has no login, whoever runs it is an operator, so names are
 * given with a warning on standard error, in files of their own (`…-names.*`, readable by the owner
 * only) so an anonymous report is never overwritten by a personal one; every run is audited.
 */
export async function reportCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const { cohortKey, outDir, names } = parseArgs(args);
  const { prisma } = await ctx.db();
  const now = new Date();
  const figures = await impactFigures(prisma, { cohortKey, names, now }).catch((err: unknown) => {
    throw err instanceof UnknownCohortError ? new UsageError(err.message) : err;
  });
  const local = DateTime.fromJSDate(now).setZone(ctx.config.defaultTimezone);
  const date = (local.isValid ? local : DateTime.fromJSDate(now, { zone: "utc" })).toISODate()!;
  const stem = path.resolve(ctx.cwd, outDir, impactFileStem(date, cohortKey, names));
  const files = { csv: `${stem}.csv`, html: `${stem}.html` };
  await mkdir(path.dirname(stem), { recursive: true });
  await writeFile(files.csv, impactCsv(figures), { encoding: "utf8", mode: names ? 0o600 : 0o644 });
  await writeFile(files.html, await impactHtml(figures), { encoding: "utf8", mode: names ? 0o600 : 0o644 });
  if (names) await Promise.all([chmod(files.csv, 0o600), chmod(files.html, 0o600)]);
  await prisma.auditLog.create({
    data: {
      action: "report.impact",
      subject: cohortKey ?? null,
      details: { scope: figures.scope, names, people: figures.people?.length ?? 0, files: [files.csv, files.html], via: "admin" },
    },
  });
  if (names) ctx.err.write("Warning: these files contain personal data (first names and individual results). Keep them within the team; do not send them to funders.\n");
  ctx.out.write(`${files.csv}\n${files.html}\n`);
}
