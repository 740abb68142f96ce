import type { FastifyReply, FastifyRequest } from "fastify";
import { UUID, type ConsolePage } from "../../kit.ts";
import { answerFromConsole, closeFromConsole, INBOX_FILTERS, type InboxFilter, loadInbox, loadThread } from "./data.ts";
import { INBOX_DONE, inboxBody, threadBody } from "./view.ts";

/** Inbox: the relay threads (open by default, `?status=closed`), one thread's conversation, and the answer and close forms (POST, then back to the thread). */
export const inboxPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  const doneOf = (q: { done?: string } | undefined) => ((INBOX_DONE as readonly string[]).includes(q?.done ?? "") ? q!.done : undefined);

  app.get<{ Querystring: { status?: string; done?: string } }>("/inbox", async (req, reply) => {
    const v = kit.view(req);
    const status: InboxFilter = (INBOX_FILTERS as readonly string[]).includes(req.query?.status ?? "") ? (req.query.status as InboxFilter) : "open";
    const done = doneOf(req.query);
    const data = await loadInbox(deps.prisma, await v.scope(), status);
    const body = inboxBody({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(done ? { done } : {}) }, data, status);
    return kit.send(reply, v, { title: v.t("inbox.title") as string, current: "inbox", body });
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>("/inbox/:id", async (req, reply) => {
    const v = kit.view(req);
    const thread = UUID.test(req.params.id) ? await loadThread(deps.prisma, await v.scope(), req.params.id) : null;
    if (!thread) return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    const done = doneOf(req.query);
    const body = threadBody({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(done ? { done } : {}) }, thread);
    return kit.send(reply, v, { title: thread.name, current: "inbox", body });
  });

  const threadAction = (action: "answer" | "close") => async (req: FastifyRequest<{ Params: { id: string }; Body: { _csrf?: string; text?: string } }>, reply: FastifyReply) => {
    if (!(await kit.formAllowed(req, reply, `console.inbox.${action}`))) return reply;
    if (!UUID.test(req.params.id)) return reply.redirect("/console/inbox?done=gone", 303);
    const v = kit.view(req);
    const scope = await v.scope();
    const outcome =
      action === "answer"
        ? await answerFromConsole(deps, v.user.person, scope, req.params.id, typeof req.body?.text === "string" ? req.body.text : "")
        : await closeFromConsole(deps, v.user.person, scope, req.params.id);
    return reply.redirect(outcome === "gone" ? "/console/inbox?done=gone" : `/console/inbox/${req.params.id}?done=${outcome}`, 303);
  };
  app.post("/inbox/:id/answer", threadAction("answer"));
  app.post("/inbox/:id/close", threadAction("close"));
};
