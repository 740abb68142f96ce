import type { FastifyRequest } from "fastify";
import { isLocale, type Locale } from "../../../core/locales.ts";
import { UUID, type ConsolePage, type Viewing } from "../../kit.ts";
import { loadBroadcast, recentBroadcasts } from "./broadcasts.ts";
import { audienceChoices, loadDraft, openDrafts } from "./draft.ts";
import { draftBody } from "./draft-view.ts";
import { actionOf, createDraft, saveDraftForm, type DraftForm } from "./edit.ts";
import { previewDraft } from "./preview.ts";
import { broadcastBody, progressFragment } from "./progress-view.ts";
import { sendDraft } from "./send.ts";
import { suggestVersions } from "./suggest.ts";
import { ANNOUNCEMENTS_DONE, indexBody, type AnnouncementsView } from "./view.ts";

type Query = { done?: string; missing?: string };

/**
 * Announcements: compose (audience, language, text) → a draft (versions, automatic drafts, preview)
 * → send through the chat's effect → the broadcast's live progress and report. Every form is a POST
 * with the session's CSRF token, answered by a redirect back with `?done=<outcome>`.
 */
export const announcementsPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  const viewOf = (v: Viewing, q: Query | undefined): AnnouncementsView => {
    const done = (ANNOUNCEMENTS_DONE as readonly string[]).includes(q?.done ?? "") ? q!.done : undefined;
    const missing = (q?.missing ?? "").split(",").filter(isLocale) as Locale[];
    return { t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(done ? { done } : {}), ...(missing.length ? { missing } : {}) };
  };
  const idOf = (req: FastifyRequest<{ Params: { id: string } }>) => (UUID.test(req.params.id) ? req.params.id : undefined);

  app.get<{ Querystring: Query }>("/announcements", async (req, reply) => {
    const v = kit.view(req);
    const scope = await v.scope();
    const body = indexBody(viewOf(v, req.query), {
      choices: await audienceChoices(deps.prisma, scope, deps.now()),
      drafts: await openDrafts(deps.prisma, v.user.person.id, deps.defaultLocale),
      broadcasts: await recentBroadcasts(deps.prisma, scope, v.user.person.id),
      defaultLocale: isLocale(v.user.person.locale) ? v.user.person.locale : deps.defaultLocale,
    });
    return kit.send(reply, v, { title: v.t("announcements.title") as string, current: "announcements", body });
  });

  app.post<{ Body: DraftForm }>("/announcements/new", async (req, reply) => {
    if (!(await kit.formAllowed(req, reply, "console.announcements.new"))) return reply;
    const v = kit.view(req);
    const form = req.body ?? {};
    if (typeof form["text"] !== "string" || !form["text"].trim()) return reply.redirect("/console/announcements?done=empty", 303);
    const made = await createDraft(deps, v.user.person, await v.scope(), form);
    return reply.redirect(`/console/announcements/drafts/${made.id}?done=${made.outcome}`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: Query }>("/announcements/drafts/:id", async (req, reply) => {
    const v = kit.view(req);
    const id = idOf(req);
    const draft = id ? await loadDraft(deps.prisma, v.user.person.id, id, deps.defaultLocale) : null;
    if (!draft) return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    if (draft.broadcastId) return reply.redirect(`/console/announcements/${draft.broadcastId}`, 303);
    const body = draftBody(viewOf(v, req.query), {
      draft,
      preview: await previewDraft(deps.prisma, deps.i18n, draft, deps.defaultLocale),
      choices: await audienceChoices(deps.prisma, await v.scope(), deps.now()),
      canSuggest: !!deps.translate,
    });
    return kit.send(reply, v, { title: v.t("announcements.edit_title") as string, current: "announcements", body });
  });

  app.post<{ Params: { id: string }; Body: DraftForm }>("/announcements/drafts/:id", async (req, reply) => {
    if (!(await kit.formAllowed(req, reply, "console.announcements.edit"))) return reply;
    const v = kit.view(req);
    const id = idOf(req);
    if (!id) return reply.redirect("/console/announcements?done=gone", 303);
    const form = req.body ?? {};
    const action = actionOf(form["action"]);
    const saved = await saveDraftForm(deps, v.user.person, await v.scope(), id, form, action);
    if (saved === "gone") return reply.redirect("/console/announcements?done=gone", 303);
    const back = `/console/announcements/drafts/${id}`;
    if (action.kind !== "suggest" || saved === "bad_audience") return reply.redirect(`${back}?done=${saved}`, 303);
    const asked = await suggestVersions(deps, v.user.person, id);
    if (asked.outcome === "gone") return reply.redirect("/console/announcements?done=gone", 303);
    const missing = asked.missing.length ? `&missing=${asked.missing.join(",")}` : "";
    return reply.redirect(`${back}?done=drafts_${asked.outcome}${missing}`, 303);
  });

  app.post<{ Params: { id: string }; Body: { _csrf?: string; seen?: string } }>("/announcements/drafts/:id/send", async (req, reply) => {
    if (!(await kit.formAllowed(req, reply, "console.announcements.send"))) return reply;
    const v = kit.view(req);
    const id = idOf(req);
    if (!id) return reply.redirect("/console/announcements?done=gone", 303);
    const outcome = await sendDraft(deps, v.user.person, await v.scope(), id, typeof req.body?.seen === "string" ? req.body.seen : "");
    if ("sent" in outcome) return reply.redirect(`/console/announcements/${outcome.sent}?done=sent`, 303);
    if (outcome.refused === "gone") return reply.redirect("/console/announcements?done=gone", 303);
    return reply.redirect(`/console/announcements/drafts/${id}?done=${outcome.refused}`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: Query }>("/announcements/:id", async (req, reply) => {
    const v = kit.view(req);
    const id = idOf(req);
    const broadcast = id ? await loadBroadcast(deps.prisma, await v.scope(), v.user.person.id, id) : null;
    if (!broadcast) return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    const body = broadcastBody(viewOf(v, req.query), broadcast, v.lang);
    return kit.send(reply, v, { title: v.t("announcements.broadcast_title") as string, current: "announcements", body });
  });

  // The live region's fragment (console/live.ts): the same rendering as the page's first content.
  app.get<{ Params: { id: string } }>("/announcements/:id/progress", async (req, reply) => {
    const v = kit.view(req);
    const id = idOf(req);
    const broadcast = id ? await loadBroadcast(deps.prisma, await v.scope(), v.user.person.id, id) : null;
    if (!broadcast) return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    return reply.type("text/html; charset=utf-8").send(progressFragment(viewOf(v, undefined), broadcast, v.lang).value);
  });
};
