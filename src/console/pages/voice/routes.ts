import { UUID, type ConsolePage } from "../../kit.ts";
import { peopleIn } from "../../scope.ts";

/**
 * A voice note's audio (voice/), for the `<audio>` player beside it in the Inbox's conversation: only a
 * note forwarded to the team, of a person in the viewer's scope, not erased. Not cached by the browser.
 */
export const voicePage: ConsolePage = (app, kit) => {
  const { deps } = kit;
  app.get<{ Params: { id: string } }>("/voice/:id", async (req, reply) => {
    const v = kit.view(req);
    const media = UUID.test(req.params.id)
      ? await deps.prisma.media.findFirst({
          where: { id: req.params.id, content: { not: null }, relayed: { some: { thread: { person: { ...peopleIn(await v.scope()), erasedAt: null } } } } },
          select: { content: true, mimeType: true },
        })
      : null;
    if (!media?.content) return kit.notice(reply, 404, v.lang, "signin.not_found_title", []);
    return reply
      .type(media.mimeType?.split(";")[0]?.trim() || "application/octet-stream")
      .header("cache-control", "private, no-store")
      .header("content-disposition", "inline")
      .send(Buffer.from(media.content));
  });
};
