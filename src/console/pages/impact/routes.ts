import type { FastifyReply } from "fastify";
import { impactCsv } from "../../../reports/impact/csv.ts";
import { impactHtml } from "../../../reports/impact/html.ts";
import type { ImpactFigures } from "../../../reports/impact/model.ts";
import { cspHeader, inlineStyleSources } from "../../inline-styles.ts";
import type { ConsolePage, Viewing } from "../../kit.ts";
import { impactFileName, impactFor, readImpactQuery, reportableCohorts, type ImpactChoice, type ImpactQuery } from "./data.ts";
import { impactBody } from "./view.ts";

/**
 * The report's own page: the admin command's HTML as it is, with a policy of its own: no script at all,
 * and only its inline styles (its stylesheet and the ECharts SVG's), each allowed by its hash.
 */
export function reportCsp(page: string): string {
  const styles = inlineStyleSources(page);
  return cspHeader({
    "default-src": ["'none'"],
    "script-src": ["'none'"],
    "style-src": styles.length ? styles : ["'none'"],
    "img-src": ["'self'", "data:"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
  });
}

/**
 * Impact: the funders' impact report generated on demand, the same page and CSV as
 * `npm run admin -- report impact` (the same functions), for one cohort in the viewer's scope, or for an
 * admin the whole programme; anonymous with its "< 5" rule unless an admin asks for first names.
 * Every report and CSV is audited as the admin command's runs are.
 */
export const impactPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  const admin = (v: Viewing) => v.user.person.role === "admin";

  app.get<{ Querystring: ImpactQuery }>("/impact", async (req, reply) => {
    const v = kit.view(req);
    const scope = await v.scope();
    const cohorts = await reportableCohorts(deps.prisma, scope);
    const asked = readImpactQuery(req.query, admin(v));
    // By default: an admin's whole programme, a coordinator's latest cohort.
    const choice: ImpactChoice | null = asked.cohort !== undefined || admin(v) ? asked : cohorts[0] ? { cohort: cohorts[0].key, names: false } : null;
    const refused = choice?.cohort !== undefined && !cohorts.some((c) => c.key === choice.cohort);
    const body = impactBody({ t: v.t, admin: admin(v), cohorts, choice, refused });
    return kit.send(reply, v, { title: v.t("impact.title") as string, current: "impact", body, status: refused ? 404 : 200 });
  });

  /** The figures for the request, or the refusal already sent. */
  async function figuresFor(v: Viewing, query: ImpactQuery | undefined, reply: FastifyReply): Promise<{ figures: ImpactFigures; choice: ImpactChoice } | null> {
    const choice = readImpactQuery(query, admin(v));
    const figures = await impactFor(deps.prisma, await v.scope(), choice, deps.now());
    if (!figures) {
      kit.notice(reply, 404, v.lang, "signin.not_found_title", ["impact.not_yours"]);
      return null;
    }
    return { figures, choice };
  }

  const audit = (v: Viewing, r: { figures: ImpactFigures; choice: ImpactChoice }, format: "html" | "csv") =>
    deps.prisma.auditLog.create({
      data: {
        actorId: v.user.person.id,
        action: "report.impact",
        subject: r.choice.cohort ?? null,
        details: { scope: r.figures.scope, names: r.choice.names, people: r.figures.people?.length ?? 0, format, via: "console" },
      },
    });

  app.get<{ Querystring: ImpactQuery }>("/impact/report", async (req, reply) => {
    const v = kit.view(req);
    const r = await figuresFor(v, req.query, reply);
    if (!r) return reply;
    const page = await impactHtml(r.figures);
    await audit(v, r, "html");
    return reply.type("text/html; charset=utf-8").header("content-security-policy", reportCsp(page)).send(page);
  });

  app.get<{ Querystring: ImpactQuery }>("/impact.csv", async (req, reply) => {
    const v = kit.view(req);
    const r = await figuresFor(v, req.query, reply);
    if (!r) return reply;
    const csv = impactCsv(r.figures);
    await audit(v, r, "csv");
    const name = impactFileName(r.choice, deps.now(), v.zone, "csv");
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${name}"`).send(csv);
  });
};
