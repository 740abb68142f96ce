import { stringify } from "csv-stringify/sync";
import type { PrismaClient, Prisma } from "../db/generated/client.ts";

type Db = Pick<PrismaClient | Prisma.TransactionClient, "transaction">;

export const SALES_CSV_COLUMNS = ["date", "person", "kind", "item", "quantity", "unit price", "total", "currency", "original message", "recorded at"] as const;

/** Integer cents as a decimal string for spreadsheets: 3600 → "36.00". */
export function centsToDecimal(cents: number | null): string {
  if (cents === null) return "";
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export interface SalesFilter {
  cohortIds: string[];
  from?: Date;
  to?: Date;
}

/** The entries a filter covers, written once for the CSV and the console's Sales page: its cohorts, undone ones left out, `from`/`to` inclusive. */
export function salesWhere(filter: SalesFilter): Prisma.TransactionWhereInput {
  return {
    cohortId: { in: filter.cohortIds },
    undoneAt: null,
    occurredOn: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) },
  };
}

/**
 * The sales and expenses of cohorts as CSV for the accounting cooperative (CAE): one row per entry,
 * undone entries left out, oldest first. Dates are the local dates the entrepreneurs gave.
 */
export async function salesCsv(db: Db, filter: SalesFilter): Promise<{ csv: string; rows: number }> {
  const entries = await db.transaction.findMany({
    where: salesWhere(filter),
    orderBy: [{ occurredOn: "asc" }, { recordedAt: "asc" }],
    include: { person: { select: { firstName: true, id: true } } },
  });
  const records = entries.map((e) => [
    e.occurredOn.toISOString().slice(0, 10),
    e.person.firstName ?? `#${e.person.id.slice(0, 8)}`,
    e.kind,
    e.item ?? "",
    e.quantity ?? "",
    centsToDecimal(e.unitPriceCents),
    centsToDecimal(e.amountCents),
    e.currency,
    e.originalText ?? "",
    e.recordedAt.toISOString(),
  ]);
  return { csv: stringify(records, { header: true, columns: [...SALES_CSV_COLUMNS] }), rows: records.length };
}
