import type { ChannelName } from "../core/inbound.ts";
import type { Intent } from "../core/intent.ts";
import type { Locale } from "../core/locales.ts";
import { LOCALE_NAMES } from "../core/locales.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Reply, Say, SayParam } from "../engine/types.ts";
import { renderReply } from "../i18n/render.ts";
import type { AppDeps } from "./deps.ts";
import { collectMyData, type MyData } from "./my-data.ts";
import type { NewOutbound } from "./outbound.ts";
import { audienceWhere } from "./broadcast/audience.ts";
import { attendanceCsv } from "./attendance-export.ts";
import { salesCsv } from "./sales-export.ts";
import { sessionMembers } from "./session-members.ts";
import { roadmapIntents } from "../roadmap/render.ts";
import { cohortTotals, coordinatedCohortIds, myTotals } from "./totals.ts";
import { personName } from "../core/person-name.ts";

type Tx = Prisma.TransactionClient;

/** Renders a text or choices reply in the given language. */
export function renderFor(deps: Pick<AppDeps, "i18n">, locale: Locale, reply: Reply): Intent {
  if (reply.type !== "text" && reply.type !== "choices") throw new Error(`${reply.type} replies are rendered by renderReplies`);
  return renderReply(deps.i18n.getFixedT(locale), reply);
}

export interface RenderTarget {
  personId: string | null;
  role: string;
  timezone: string;
  locale: Locale;
  address: { channel: ChannelName; externalId: string };
  inboundId: string;
  purpose?: string;
}

/** The turn's replies as outbound rows, keyed by the inbound message so a replay queues nothing new. */
export async function renderReplies(deps: AppDeps, tx: Tx, target: RenderTarget, personId: string, replies: Reply[]): Promise<NewOutbound[]> {
  const rows: NewOutbound[] = [];
  for (const [i, reply] of replies.entries()) {
    const intents = await intentsOf(deps, tx, target, personId, reply);
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

/** Replies the engine can only name: the app fills them from the database. */
async function intentsOf(deps: AppDeps, tx: Tx, target: RenderTarget, personId: string, reply: Reply): Promise<Intent[]> {
  const t = deps.i18n.getFixedT(target.locale);
  switch (reply.type) {
    case "document":
      return myDataIntents(deps, tx, personId, target.locale);
    case "totals": {
      const lines =
        reply.scope === "me" ? await myTotals(tx, personId, target.timezone, deps.now()) : await cohortTotals(tx, await coordinatedCohortIds(tx, { id: personId, role: target.role }));
      return [renderReply(t, { type: "text", say: { key: reply.scope === "me" ? "totals.title" : "totals.title_cohorts" }, lines })];
    }
    case "export_sales": {
      const cohortIds = await coordinatedCohortIds(tx, { id: personId, role: target.role });
      const { csv, rows } = await salesCsv(tx, { cohortIds });
      const attendance = await attendanceCsv(tx, cohortIds);
      const date = deps.now().toISOString().slice(0, 10);
      return [
        { type: "document", filename: `sales-${date}.csv`, mimeType: "text/csv", contentBase64: Buffer.from(csv).toString("base64"), caption: t("export.caption", { count: rows }) as string },
        { type: "document", filename: `attendance-${date}.csv`, mimeType: "text/csv", contentBase64: Buffer.from(attendance.csv).toString("base64"), caption: t("export.attendance_caption", { count: attendance.rows }) as string },
      ];
    }
    case "roadmap": {
      const roadmap = await tx.roadmap.findFirst({ where: { personId }, orderBy: { updatedAt: "desc" }, include: { person: { select: { firstName: true } } } });
      if (!roadmap) return [renderFor(deps, target.locale, { type: "text", say: { key: "roadmap.none" } })];
      return roadmapIntents(t, roadmap, roadmap.person.firstName ?? "");
    }
    case "attendance_sheet": {
      const members = await sessionMembers(tx, reply.sessionId);
      const lines: Say[] = members.map((m, i) => ({
        key: "manage.sheet_line",
        params: { n: i + 1, name: personName(m), answer: { t: `manage.rsvp.${m.rsvps[0]?.answer ?? "none"}` } },
      }));
      return [renderFor(deps, target.locale, { type: "text", say: { key: "manage.sheet", params: { count: members.length } }, lines: [...lines, { key: "manage.attendance_how" }] })];
    }
    case "broadcast_preview":
      return [renderFor(deps, target.locale, await previewReply(tx, deps, reply))];
    default:
      return [renderFor(deps, target.locale, reply)];
  }
}

/** What a broadcast will do, before it is sent: recipients per language, and which version each gets. */
async function previewReply(tx: Tx, deps: AppDeps, preview: Extract<Reply, { type: "broadcast_preview" }>): Promise<Reply> {
  const { draft } = preview;
  const groups = draft.audience
    ? await tx.person.groupBy({ by: ["locale"], where: audienceWhere(draft.audience), _count: { _all: true } })
    : [];
  const total = groups.reduce((n, g) => n + g._count._all, 0);
  const texts = draft.texts as Record<string, string | undefined>;
  const lines: Say[] = groups
    .sort((a, b) => b._count._all - a._count._all)
    .map((g) => {
      const locale = (g.locale ?? deps.defaultLocale) as Locale;
      return {
        key: "broadcast.preview_line",
        params: { language: LOCALE_NAMES[locale] ?? locale, count: g._count._all, version: { t: texts[locale] ? "broadcast.version_own" : "broadcast.version_original" } },
      };
    });
  lines.push({ key: "broadcast.preview_text", params: { text: texts[draft.originalLocale] ?? "" } });
  return {
    type: "choices",
    say: { key: "broadcast.preview", params: { count: total } },
    lines,
    choices: preview.choices,
  };
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

/** The day of the most recent of some moments, in the reader's words with its year. */
function latest(dates: Date[]): SayParam | undefined {
  const last = dates.reduce<Date | undefined>((a, b) => (!a || b > a ? b : a), undefined);
  return last ? { date: last.toISOString().slice(0, 10), year: true } : undefined;
}

function summaryLines(d: MyData): Say[] {
  const lines: Say[] = [
    { key: "mydata.name", params: { value: d.person.firstName ?? "—" } },
    { key: "mydata.language", params: { value: d.person.language ? (LOCALE_NAMES as Record<string, string>)[d.person.language] ?? d.person.language : "—" } },
    { key: "mydata.addresses", params: { value: d.addresses.map((a) => `${a.channel} ${a.externalId}`).join(", ") || "—" } },
    { key: "mydata.consent", params: { value: latest(d.consents.map((c) => c.givenAt)) ?? "—" } },
    { key: "mydata.cohorts", params: { value: d.cohorts.map((c) => c.cohort).join(", ") || "—" } },
    {
      key: "mydata.counts",
      params: {
        answers: { t: "mydata.answers", count: d.applications.reduce((n, a) => n + Object.keys(a.answers).length, 0) },
        sales: { t: "mydata.sales", count: d.sales.length },
        messages: { t: "mydata.messages", count: d.messagesReceived },
      },
    },
  ];
  return lines;
}
