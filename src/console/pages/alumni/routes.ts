import { UUID, type ConsolePage } from "../../kit.ts";
import { loadAlumni, markHelpHandled } from "./data.ts";
import { withNoteTranslations } from "./translations.ts";
import { ALUMNI_DONE, alumniBody } from "./view.ts";

/**
 * Alumni: the help requests from check-ins (each can be marked handled: a POST, then back to the
 * page), and each cohort's alumni with their check-in answers per offset (a cohort filter, plain GET).
 */
export const alumniPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  app.get<{ Querystring: { cohort?: string; done?: string } }>("/alumni", async (req, reply) => {
    const v = kit.view(req);
    const cohort = typeof req.query?.cohort === "string" ? req.query.cohort.trim() : "";
    const done = (ALUMNI_DONE as readonly string[]).includes(String(req.query?.done ?? "")) ? String(req.query.done) : undefined;
    const loaded = await loadAlumni(deps.prisma, await v.scope(), cohort ? { cohort } : {});
    const data = { ...loaded, help: await withNoteTranslations(deps, loaded.help, v.lang, v.user.person.id) };
    const body = alumniBody({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, cohort, ...(done ? { done } : {}) }, data);
    return kit.send(reply, v, { title: v.t("alumni.title") as string, current: "alumni", body });
  });

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>("/alumni/help/:id/handled", async (req, reply) => {
    if (!(await kit.formAllowed(req, reply, "console.checkin.help_handled"))) return reply;
    const v = kit.view(req);
    const outcome = UUID.test(req.params.id) ? await markHelpHandled(deps, v.user.person, await v.scope(), req.params.id) : "gone";
    if (outcome === "gone") return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    return reply.redirect(`/console/alumni?done=${outcome}`, 303);
  });
};
