import type { ConsolePage } from "../../kit.ts";
import { loadToday } from "./data.ts";
import { todayBody } from "./view.ts";

/** Today: the next sessions, threads waiting, applications, failed messages, alumni asking for help. */
export const todayPage: ConsolePage = (app, kit) => {
  app.get("/", async (req, reply) => {
    const v = kit.view(req);
    const data = await loadToday(kit.deps.prisma, await v.scope(), kit.deps.now());
    const body = todayBody({ t: v.t, chatT: v.chatT, lang: v.lang, name: v.header.name, zone: v.zone }, data);
    return kit.send(reply, v, { title: v.t("today.title") as string, current: "today", body });
  });
};
