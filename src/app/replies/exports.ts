import { say } from "../../i18n/render.ts";
import { attendanceCsv } from "../../sessions/attendance-export.ts";
import { salesCsv } from "../../sales/export.ts";
import { coordinatedCohortIds } from "../../sales/totals.ts";
import type { DataReply } from "./data-reply.ts";

type Csv = { csv: string; rows: number };

/** A coordinator's exports: the CAE's sales CSV and the attendance CSV of their cohorts. */
export const exportReply: DataReply<"export_sales", { sales: Csv; attendance: Csv }> = {
  async fetch({ tx, target, personId }, reply) {
    const cohortIds = await coordinatedCohortIds(tx, { id: personId, role: target.role });
    const period = reply.period;
    const sales = await salesCsv(tx, { cohortIds, ...(period ? { from: new Date(`${period.from}T00:00:00Z`), to: new Date(`${period.to}T00:00:00Z`) } : {}) });
    const attendance = await attendanceCsv(tx, cohortIds);
    return { sales, attendance };
  },
  render({ t, deps }, reply, { sales, attendance }) {
    const date = deps.now().toISOString().slice(0, 10);
    const { period } = reply;
    const salesFile = period ? `sales-${period.from}-to-${period.to}.csv` : `sales-${date}.csv`;
    const total = t("export.caption", { count: sales.rows }) as string;
    const dates = period ? { key: period.from === period.to ? "export.period_day" : "export.period", params: { from: { date: period.from }, to: { date: period.to } } } : undefined;
    const caption = dates ? `${say(t, dates)}\n${total}` : total;
    return [
      { type: "document", filename: salesFile, mimeType: "text/csv", contentBase64: Buffer.from(sales.csv).toString("base64"), caption },
      { type: "document", filename: `attendance-${date}.csv`, mimeType: "text/csv", contentBase64: Buffer.from(attendance.csv).toString("base64"), caption: t("export.attendance_caption", { count: attendance.rows }) as string },
    ];
  },
};
