import type { ChannelName } from "../core/inbound.ts";
import type { Intent } from "../core/intent.ts";
import type { Locale } from "../core/locales.ts";
import { LOCALE_NAMES } from "../core/locales.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Reply, Say } from "../engine/types.ts";
import { renderReply } from "../i18n/render.ts";
import type { AppDeps } from "./deps.ts";
import { collectMyData, type MyData } from "./my-data.ts";
import type { NewOutbound } from "./outbound.ts";

type Tx = Prisma.TransactionClient;

/** Renders a text or choices reply in the given language. */
export function renderFor(deps: Pick<AppDeps, "i18n">, locale: Locale, reply: Reply): Intent {
  if (reply.type === "document") throw new Error("documents are rendered by renderReplies");
  return renderReply(deps.i18n.getFixedT(locale), reply);
}

export interface RenderTarget {
  personId: string | null;
  locale: Locale;
  address: { channel: ChannelName; externalId: string };
  inboundId: string;
  purpose?: string;
}

/** The turn's replies as outbound rows, keyed by the inbound message so a replay queues nothing new. */
export async function renderReplies(deps: AppDeps, tx: Tx, target: RenderTarget, personId: string, replies: Reply[]): Promise<NewOutbound[]> {
  const rows: NewOutbound[] = [];
  for (const [i, reply] of replies.entries()) {
    const intents = reply.type === "document" ? await myDataIntents(deps, tx, personId, target.locale) : [renderFor(deps, target.locale, reply)];
    for (const [j, intent] of intents.entries()) {
      rows.push({
        idempotencyKey: `reply:${target.inboundId}:${i}${j ? `.${j}` : ""}`,
        personId: target.personId,
        channel: target.address.channel,
        externalId: target.address.externalId,
        purpose: target.purpose,
        intent,
      });
    }
  }
  return rows;
}

/** "My data": a readable summary, then the whole record as a JSON document. */
async function myDataIntents(deps: AppDeps, tx: Tx, personId: string, locale: Locale): Promise<Intent[]> {
  const data = await collectMyData(tx, personId);
  const t = deps.i18n.getFixedT(locale);
  const summary = renderReply(t, { type: "text", say: { key: "mydata.title" }, lines: summaryLines(data) });
  const json = JSON.stringify(data, null, 2);
  return [
    summary,
    { type: "document", filename: "migracoop-my-data.json", mimeType: "application/json", contentBase64: Buffer.from(json).toString("base64"), caption: t("mydata.caption") as string },
  ];
}

function summaryLines(d: MyData): Say[] {
  const lines: Say[] = [
    { key: "mydata.name", params: { value: d.person.firstName ?? "—" } },
    { key: "mydata.language", params: { value: d.person.language ? (LOCALE_NAMES as Record<string, string>)[d.person.language] ?? d.person.language : "—" } },
    { key: "mydata.addresses", params: { value: d.addresses.map((a) => `${a.channel} ${a.externalId}`).join(", ") || "—" } },
    { key: "mydata.consent", params: { value: d.consents.map((c) => c.givenAt.toISOString().slice(0, 10)).join(", ") || "—" } },
    { key: "mydata.cohorts", params: { value: d.cohorts.map((c) => c.cohort).join(", ") || "—" } },
    { key: "mydata.counts", params: { answers: d.applications.reduce((n, a) => n + Object.keys(a.answers).length, 0), sales: d.sales.length, messages: d.messagesReceived } },
  ];
  return lines;
}
