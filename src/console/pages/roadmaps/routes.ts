import type { FastifyReply } from "fastify";
import { localeOf } from "../../../core/locales.ts";
import type { NextStep } from "../../../roadmap/lines.ts";
import { roadmapText } from "../../../roadmap/render.ts";
import { UUID, type ConsoleKit, type ConsolePage, type Viewing } from "../../kit.ts";
import { deliverFromConsole, loadRoadmap, loadRoadmaps, readRoadmapForm, roadmapLines, saveFromConsole, type FormProblem, type RoadmapEdit, type RoadmapField } from "./data.ts";
import { roadmapEditBody, roadmapsBody, ROADMAPS_DONE } from "./view.ts";

type Params = { cohortId: string; personId: string };
const doneOf = (q: { done?: unknown } | undefined) => ((ROADMAPS_DONE as readonly string[]).includes(String(q?.done ?? "")) ? String(q!.done) : undefined);
const validIds = (p: Params) => UUID.test(p.cohortId) && UUID.test(p.personId);

/** One member's roadmap page: the form as stored (or as typed, when refused), and the message the person receives. */
function sendEdit(kit: ConsoleKit, reply: FastifyReply, v: Viewing, e: RoadmapEdit, o: { raw?: Record<RoadmapField, string>; problems?: FormProblem[]; done?: string }) {
  const locale = localeOf(e.person, kit.deps.defaultLocale);
  const preview = e.roadmap ? roadmapText(kit.deps.i18n.getFixedT(locale), e.roadmap, e.person.firstName ?? "") : null;
  const body = roadmapEditBody(
    { t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(o.done ? { done: o.done } : {}), raw: o.raw ?? roadmapLines(e.roadmap), problems: o.problems ?? [], preview, previewLang: locale },
    e,
  );
  return kit.send(reply, v, { title: v.t("roadmaps.edit_title", { name: e.person.name, interpolation: { escapeValue: false } }) as string, current: "roadmaps", body, status: o.problems?.length ? 400 : 200 });
}

/**
 * Roadmaps: each cohort's members and their roadmap (GET, a cohort filter), one member's roadmap written
 * whole in a form (POST, then back to it), and sending it once the cohort has ended (POST). Another
 * cohort's member, or anyone unknown, is "not found".
 */
export const roadmapsPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  const notFound = (reply: FastifyReply, v: Viewing) => kit.notice(reply, 404, v.lang, "signin.not_found_title", []);

  app.get<{ Querystring: { cohort?: string; done?: string } }>("/roadmaps", async (req, reply) => {
    const v = kit.view(req);
    const cohort = typeof req.query?.cohort === "string" ? req.query.cohort.trim() : "";
    const data = await loadRoadmaps(deps.prisma, await v.scope(), cohort ? { cohort } : {});
    const done = doneOf(req.query);
    return kit.send(reply, v, { title: v.t("roadmaps.title") as string, current: "roadmaps", body: roadmapsBody({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(done ? { done } : {}) }, data, cohort) });
  });

  app.get<{ Params: Params; Querystring: { done?: string } }>("/roadmaps/:cohortId/:personId", async (req, reply) => {
    const v = kit.view(req);
    const e = validIds(req.params) ? await loadRoadmap(deps.prisma, await v.scope(), req.params.cohortId, req.params.personId) : null;
    if (!e) return notFound(reply, v);
    const done = doneOf(req.query);
    return sendEdit(kit, reply, v, e, done ? { done } : {});
  });

  app.post<{ Params: Params; Body: Record<string, unknown> }>("/roadmaps/:cohortId/:personId", async (req, reply) => {
    if (!(await kit.formAllowed(req, reply, "console.roadmap.written"))) return reply;
    const v = kit.view(req);
    const { cohortId, personId } = req.params;
    const scope = await v.scope();
    const e = validIds(req.params) ? await loadRoadmap(deps.prisma, scope, cohortId, personId) : null;
    if (!e) return notFound(reply, v);
    const form = readRoadmapForm(req.body, (e.roadmap?.nextSteps ?? []) as unknown as NextStep[]);
    if ("problems" in form) return sendEdit(kit, reply, v, e, { raw: form.raw, problems: form.problems });
    const outcome = await saveFromConsole(deps, v.user.person, scope, cohortId, personId, form.content);
    if (outcome === "gone") return notFound(reply, v);
    return reply.redirect(`/console/roadmaps/${cohortId}/${personId}?done=${outcome}`, 303);
  });

  app.post<{ Params: Params; Body: Record<string, unknown> }>("/roadmaps/:cohortId/:personId/deliver", async (req, reply) => {
    if (!(await kit.formAllowed(req, reply, "console.roadmap.delivered"))) return reply;
    const v = kit.view(req);
    const { cohortId, personId } = req.params;
    const outcome = validIds(req.params) ? await deliverFromConsole(deps, v.user.person, await v.scope(), cohortId, personId) : "gone";
    if (outcome === "gone") return notFound(reply, v);
    return reply.redirect(`/console/roadmaps/${cohortId}/${personId}?done=${outcome}`, 303);
  });
};
