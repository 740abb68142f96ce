import type { FastifyReply, FastifyRequest } from "fastify";
import type { Html } from "../../html.ts";
import { UUID, type ConsolePage, type Viewing } from "../../kit.ts";
import { answerFromConsole, closeFromConsole, INBOX_FILTERS, type InboxFilter, loadInbox, loadThread } from "./data.ts";
import { markRead } from "./unread.ts";
import { withTranslations } from "./translations.ts";
import { conversation, INBOX_DONE, inboxBody, inboxList, threadBody } from "./view.ts";

/**
 * Inbox: the relay threads (open by default, `?status=closed`), one thread's conversation, and the answer
 * and close forms (POST, then back to the thread). The list and the conversation are live regions
 * (console/live.ts): `/inbox/live` and `/inbox/:id/live` answer their fragments, rendered by the same
 * functions. Showing a thread's conversation, on the page or in its fragment, marks it read for the team.
 */
export const inboxPage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  const doneOf = (q: { done?: string } | undefined) => ((INBOX_DONE as readonly string[]).includes(q?.done ?? "") ? q!.done : undefined);
  const statusOf = (q: { status?: string } | undefined): InboxFilter => ((INBOX_FILTERS as readonly string[]).includes(q?.status ?? "") ? (q!.status as InboxFilter) : "open");
  const fragment = (reply: FastifyReply, body: Html) => reply.type("text/html; charset=utf-8").send(body.value);
  /** The thread within the viewer's scope, marked read up to its newest message; null when it is not there or not hers. */
  const shownThread = async (v: Viewing, id: string) => {
    const thread = UUID.test(id) ? await loadThread(deps.prisma, await v.scope(), id) : null;
    const newest = thread?.messages.at(-1);
    if (thread && newest) await markRead(deps.prisma, thread.id, newest.at);
    return thread ? withTranslations(deps, thread, v.lang, v.user.person.id) : null;
  };

  app.get<{ Querystring: { status?: string } }>("/inbox/live", async (req, reply) => {
    const v = kit.view(req);
    const data = await loadInbox(deps.prisma, await v.scope(), statusOf(req.query));
    return fragment(reply, inboxList({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf }, data));
  });

  app.get<{ Params: { id: string } }>("/inbox/:id/live", async (req, reply) => {
    const v = kit.view(req);
    const thread = await shownThread(v, req.params.id);
    if (!thread) return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    return fragment(reply, conversation({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf }, thread));
  });

  app.get<{ Querystring: { status?: string; done?: string } }>("/inbox", async (req, reply) => {
    const v = kit.view(req);
    const status = statusOf(req.query);
    const done = doneOf(req.query);
    const data = await loadInbox(deps.prisma, await v.scope(), status);
    const body = inboxBody({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(done ? { done } : {}) }, data, status);
    return kit.send(reply, v, { title: v.t("inbox.title") as string, current: "inbox", body });
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>("/inbox/:id", async (req, reply) => {
    const v = kit.view(req);
    const thread = await shownThread(v, req.params.id);
    if (!thread) return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    const done = doneOf(req.query);
    const body = threadBody({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(done ? { done } : {}) }, thread);
    return kit.send(reply, v, { title: thread.name, current: "inbox", body });
  });

  const threadAction = (action: "answer" | "close") => async (req: FastifyRequest<{ Params: { id: string }; Body: { _csrf?: string; text?: string; as_written?: string } }>, reply: FastifyReply) => {
    if (!(await kit.formAllowed(req, reply, `console.inbox.${action}`))) return reply;
    if (!UUID.test(req.params.id)) return reply.redirect("/console/inbox?done=gone", 303);
    const v = kit.view(req);
    const scope = await v.scope();
    const outcome =
      action === "answer"
        ? await answerFromConsole(deps, v.user.person, scope, req.params.id, typeof req.body?.text === "string" ? req.body.text : "", { asWritten: req.body?.as_written === "1" })
        : await closeFromConsole(deps, v.user.person, scope, req.params.id);
    return reply.redirect(outcome === "gone" ? "/console/inbox?done=gone" : `/console/inbox/${req.params.id}?done=${outcome}`, 303);
  };
  app.post("/inbox/:id/answer", threadAction("answer"));
  app.post("/inbox/:id/close", threadAction("close"));
};
