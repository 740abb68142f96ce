import type { FastifyReply, FastifyRequest } from "fastify";
import { UUID, type ConsolePage } from "../../kit.ts";
import { APPLICATION_FILTERS, decideApplication, type ApplicationFilter, loadApplications } from "./data.ts";
import { applicationsBody, DONE } from "./view.ts";
import { withAnswerTranslations } from "./translations.ts";

/** Applications: the list (filters are plain GET parameters), and the decision forms (POST, then back to the list). */
export const applicationsPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  app.get<{ Querystring: { status?: string; lang?: string; done?: string } }>("/applications", async (req, reply) => {
    const v = kit.view(req);
    const q = req.query ?? {};
    const status: ApplicationFilter = (APPLICATION_FILTERS as readonly string[]).includes(q.status ?? "") ? (q.status as ApplicationFilter) : "submitted";
    const language = typeof q.lang === "string" && /^[a-z]{2,3}$/.test(q.lang) ? q.lang : undefined;
    const done = (DONE as readonly string[]).includes(q.done ?? "") ? q.done : undefined;
    const loaded = await loadApplications(deps.prisma, await v.scope(), deps.now(), { status, ...(language ? { lang: language } : {}) });
    const data = { ...loaded, rows: await withAnswerTranslations(deps, loaded.rows, v.lang, v.user.person.id) };
    const body = applicationsBody(
      { t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, filter: { status, ...(language ? { lang: language } : {}) }, ...(done ? { done } : {}) },
      data,
    );
    return kit.send(reply, v, { title: v.t("applications.title") as string, current: "applications", body });
  });

  const decide = (decision: "accepted" | "declined") => async (req: FastifyRequest<{ Params: { id: string }; Body: { _csrf?: string; cohortId?: string } }>, reply: FastifyReply) => {
    if (!(await kit.formAllowed(req, reply, `console.application.${decision}`))) return reply;
    const v = kit.view(req);
    const cohortId = typeof req.body?.cohortId === "string" ? req.body.cohortId : undefined;
    let outcome: string;
    if (!UUID.test(req.params.id)) outcome = "gone";
    else if (decision === "accepted" && !(cohortId && UUID.test(cohortId))) outcome = "bad_cohort";
    else outcome = await decideApplication(deps, v.user.person, await v.scope(), { applicationId: req.params.id, decision, ...(cohortId ? { cohortId } : {}) });
    return reply.redirect(`/console/applications?done=${outcome}`, 303);
  };
  app.post("/applications/:id/accept", decide("accepted"));
  app.post("/applications/:id/decline", decide("declined"));
};
