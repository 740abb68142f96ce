import type { ConsolePage } from "../../kit.ts";
import { loadAudit, readAuditFilters, type AuditQuery } from "./data.ts";
import { auditBody } from "./view.ts";

/** Audit log: the log's entries newest first, filterable, an admin's whole log or a coordinator's own entries. */
export const auditPage: ConsolePage = (app, kit) => {
  app.get<{ Querystring: AuditQuery }>("/audit", async (req, reply) => {
    const v = kit.view(req);
    const filters = readAuditFilters(req.query, v.zone);
    const data = await loadAudit(kit.deps.prisma, v.user.person, filters);
    const body = auditBody({ t: v.t, chatT: v.chatT, zone: v.zone, admin: v.user.person.role === "admin", filters }, data);
    return kit.send(reply, v, { title: v.t("audit.title") as string, current: "audit", body, status: filters.errors.length ? 400 : 200 });
  });
};
