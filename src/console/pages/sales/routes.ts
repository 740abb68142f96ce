import { salesCsv } from "../../../sales/export.ts";
import type { ConsolePage } from "../../kit.ts";
import { cohortInScope, loadSales, readSalesFilters, type SalesQuery } from "./data.ts";
import { salesBody } from "./view.ts";

/**
 * Sales: each member's figures per cohort in scope (filters are plain GET parameters), and the CAE's CSV,
 * the same file as `npm run admin -- export sales` (the same function), audited as the admin export is.
 */
export const salesPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  app.get<{ Querystring: SalesQuery }>("/sales", async (req, reply) => {
    const v = kit.view(req);
    const filters = readSalesFilters(req.query);
    const data = await loadSales(deps.prisma, await v.scope(), filters);
    return kit.send(reply, v, { title: v.t("sales.title") as string, current: "sales", body: salesBody({ t: v.t, lang: v.lang, filters }, data), status: filters.errors.length ? 400 : 200 });
  });

  app.get<{ Querystring: SalesQuery }>("/sales.csv", async (req, reply) => {
    const v = kit.view(req);
    const filters = readSalesFilters(req.query);
    if (filters.errors.length) return kit.notice(reply, 400, v.lang, "sales.title", filters.errors);
    const cohort = filters.cohort ? await cohortInScope(deps.prisma, await v.scope(), filters.cohort) : null;
    if (!cohort) return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    const { from, to } = filters;
    const { csv, rows } = await salesCsv(deps.prisma, { cohortIds: [cohort.id], from, to });
    await deps.prisma.auditLog.create({ data: { actorId: v.user.person.id, action: "export.sales", subject: cohort.key, details: { rows, from: from ?? null, to: to ?? null, via: "console" } } });
    const name = `sales-${cohort.key.replace(/[^A-Za-z0-9_-]/g, "_")}${filters.raw.from && from ? `-from-${filters.raw.from}` : ""}${filters.raw.to && to ? `-to-${filters.raw.to}` : ""}.csv`;
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${name}"`).send(csv);
  });
};
