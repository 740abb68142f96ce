import type { FastifyReply, FastifyRequest } from "fastify";
import { titleIn } from "../../../core/titles.ts";
import { UUID, type ConsolePage, type Viewing } from "../../kit.ts";
import { loadCohort, loadCohorts, loadSheet } from "./data.ts";
import { importFromConsole } from "./import.ts";
import { importForm, readSummary, summaryParam } from "./import-view.ts";
import { changeSession, SESSION_OUTCOMES, type SessionChange } from "./sessions.ts";
import { sheetBody } from "./sheet-view.ts";
import { cohortBody, cohortsBody, type CohortsView } from "./view.ts";

type Params = { id: string; sid: string };
type Form = Record<string, string | string[] | undefined>;

const one = (v: unknown): string => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");
const many = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

/**
 * Cohorts: the list in scope with the programme import, one cohort (members, sessions, adding one), one
 * session (attendance sheet, move, cancel). Forms are POSTs answered by a redirect back with `?done=`;
 * another coordinator's cohort or session is a 404 page, as one that does not exist.
 */
export const cohortsPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  const viewOf = (v: Viewing, done?: string): CohortsView => ({ t: v.t, chatT: v.chatT, lang: v.lang, zone: v.zone, csrf: v.csrf, now: deps.now(), ...(done ? { done } : {}) });
  const doneOf = (q: unknown) => {
    const done = (q as { done?: unknown } | undefined)?.done;
    return typeof done === "string" && (SESSION_OUTCOMES as readonly string[]).includes(done) ? done : undefined;
  };
  const notFound = (reply: FastifyReply, v: Viewing) => kit.notice(reply, 404, v.lang, "signin.not_found_title", []);

  const listPage = async (reply: FastifyReply, v: Viewing, o: { text?: string; problems?: Parameters<typeof importForm>[2]["problems"]; summary?: ReturnType<typeof readSummary>; status?: number }) => {
    const scope = await v.scope();
    const rows = await loadCohorts(deps.prisma, scope, deps.now());
    const form = importForm(v.t, v.csrf, { ...o, admin: scope.all });
    return kit.send(reply, v, { title: v.t("cohorts.title") as string, current: "cohorts", body: cohortsBody(viewOf(v), rows, form), ...(o.status ? { status: o.status } : {}) });
  };

  app.get<{ Querystring: { done?: string; n?: string } }>("/cohorts", async (req, reply) => {
    const v = kit.view(req);
    const summary = req.query?.done === "imported" ? readSummary(req.query.n) : undefined;
    return listPage(reply, v, summary ? { summary } : {});
  });

  app.post<{ Body: Form }>("/cohorts/import", async (req, reply) => {
    if (!(await kit.formAllowed(req, reply, "console.programme.import"))) return reply;
    const v = kit.view(req);
    const text = one(req.body?.["programme"]);
    const result = await importFromConsole(deps, v.user.person, await v.scope(), text);
    if ("problems" in result) return listPage(reply, v, { text, problems: result.problems, status: 400 });
    const s = result.imported;
    const n = summaryParam({
      cohorts_created: s.cohorts.created, cohorts_updated: s.cohorts.updated, sessions_created: s.sessions.created, sessions_updated: s.sessions.updated,
      members_added: s.members.added, coordinators_added: s.coordinators.added, reminders: result.reminders,
    });
    return reply.redirect(`/console/cohorts?done=imported&n=${n}`, 303);
  });

  app.get<{ Params: Params }>("/cohorts/:id", async (req, reply) => {
    const v = kit.view(req);
    const data = UUID.test(req.params.id) ? await loadCohort(deps.prisma, await v.scope(), req.params.id) : null;
    if (!data) return notFound(reply, v);
    return kit.send(reply, v, { title: data.cohort.name, current: "cohorts", body: cohortBody(viewOf(v, doneOf(req.query)), data) });
  });

  app.get<{ Params: Params }>("/cohorts/:id/sessions/:sid", async (req, reply) => {
    const v = kit.view(req);
    const data = UUID.test(req.params.id) && UUID.test(req.params.sid) ? await loadSheet(deps.prisma, await v.scope(), req.params.id, req.params.sid) : null;
    if (!data) return notFound(reply, v);
    return kit.send(reply, v, { title: titleIn(data.session, v.lang), current: "cohorts", body: sheetBody(viewOf(v, doneOf(req.query)), data) });
  });

  /** A session form: checked, applied through the chat's code, then back to the page it belongs on. */
  const sessionForm =
    (kind: SessionChange["type"], subject: string) =>
    async (req: FastifyRequest<{ Params: Params; Body: Form }>, reply: FastifyReply) => {
      if (!(await kit.formAllowed(req, reply, subject))) return reply;
      const v = kit.view(req);
      const { id, sid } = req.params;
      const body = req.body ?? {};
      if (!UUID.test(id) || (kind !== "add" && !UUID.test(sid ?? ""))) return notFound(reply, v);
      const change: SessionChange =
        kind === "add"
          ? { type: "add", cohortId: id, title: one(body["title"]), startsAt: one(body["startsAt"]), location: one(body["location"]) }
          : kind === "move"
            ? { type: "move", cohortId: id, sessionId: sid, startsAt: one(body["startsAt"]) }
            : kind === "cancel"
              ? { type: "cancel", cohortId: id, sessionId: sid }
              : { type: "attendance", cohortId: id, sessionId: sid, present: many(body["present"]) };
      const outcome = await changeSession(deps, v.user.person, await v.scope(), change);
      const back = kind === "add" || outcome === "cancelled" ? `/console/cohorts/${id}` : `/console/cohorts/${id}/sessions/${sid}`;
      return reply.redirect(`${back}?done=${outcome}`, 303);
    };
  app.post("/cohorts/:id/sessions", sessionForm("add", "console.session.added"));
  app.post("/cohorts/:id/sessions/:sid/move", sessionForm("move", "console.session.moved"));
  app.post("/cohorts/:id/sessions/:sid/cancel", sessionForm("cancel", "console.session.cancelled"));
  app.post("/cohorts/:id/sessions/:sid/attendance", sessionForm("attendance", "console.attendance.recorded"));
};
