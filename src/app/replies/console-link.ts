import { createSignInLink, LINK_TTL_MINUTES } from "../../signin/links.ts";
import { renderReply } from "../../i18n/render.ts";
import type { DataReply } from "./data-reply.ts";

/**
 * "console": the link is made inside the turn's transaction (so it exists once the reply is sent), bound
 * to the person who asked; without PUBLIC_URL the console is off, and the reply says so.
 */
export const consoleLinkReply: DataReply<"console_link", { url: string } | null> = {
  async fetch({ deps, tx, personId }) {
    if (!deps.console) return null;
    const made = await createSignInLink(tx, personId, deps.console.publicUrl, deps.now());
    return "url" in made ? made : null;
  },
  render({ t }, _reply, link) {
    return [renderReply(t, { type: "text", say: link ? { key: "console.link", params: { url: link.url, minutes: LINK_TTL_MINUTES } } : { key: "console.off" } })];
  },
};
