import { attendanceCsv } from "../../sessions/attendance-export.ts";
import { salesCsv } from "../../sales/export.ts";
import { coordinatedCohortIds } from "../../sales/totals.ts";
import type { DataReply } from "./data-reply.ts";

type Csv = { csv: string; rows: number };

/** A coordinator's exports: the CAE's sales CSV and the attendance CSV of their cohorts. */
export const exportReply: DataReply<"export_sales", { sales: Csv; attendance: Csv }> = {
  async fetch({ tx, target, personId }) {
    const cohortIds = await coordinatedCohortIds(tx, { id: personId, role: target.role });
    const sales = await salesCsv(tx, { cohortIds });
    const attendance = await attendanceCsv(tx, cohortIds);
    return { sales, attendance };
  },
  render({ t, deps }, _reply, { sales, attendance }) {
    const date = deps.now().toISOString().slice(0, 10);
    return [
      { type: "document", filename: `sales-${date}.csv`, mimeType: "text/csv", contentBase64: Buffer.from(sales.csv).toString("base64"), caption: t("export.caption", { count: sales.rows }) as string },
      { type: "document", filename: `attendance-${date}.csv`, mimeType: "text/csv", contentBase64: Buffer.from(attendance.csv).toString("base64"), caption: t("export.attendance_caption", { count: attendance.rows }) as string },
    ];
  },
};
