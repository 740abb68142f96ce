import type { Intent } from "../../core/intent.ts";
import type { Tx } from "../../db/tx.ts";
import type { Reply } from "../../engine/types.ts";
import { fixedT, renderReply } from "../../i18n/render.ts";
import type { AppDeps } from "../../deps.ts";
import type { NewOutbound } from "../../outbox/outbound.ts";
import { pendingFor } from "../../outbox/translation.ts";
import { attendanceSavedReply } from "./attendance-saved.ts";
import { attendanceSheetReply } from "./attendance-sheet.ts";
import { broadcastPreviewReply } from "./broadcast-preview.ts";
import { consoleLinkReply } from "./console-link.ts";
import type { DataReply, FetchContext, RenderContext, RenderTarget } from "./data-reply.ts";
import { coalesceReplies } from "./coalesce.ts";
import { exportReply } from "./exports.ts";
import { myDataReply } from "./my-data.ts";
import { roadmapReply } from "./roadmap.ts";
import { totalsReply } from "./totals.ts";
import { forecastReply } from "./forecast.ts";

export type { RenderTarget };

type DataReplyType = Exclude<Reply["type"], "text" | "choices">;

/** The replies that need data, by type: the compiler refuses a new one without its fetch and render. */
const DATA_REPLIES: { [T in DataReplyType]: DataReply<T, any> } = {
  document: myDataReply,
  totals: totalsReply,
  export_sales: exportReply,
  roadmap: roadmapReply,
  attendance_sheet: attendanceSheetReply,
  attendance_saved: attendanceSavedReply,
  broadcast_preview: broadcastPreviewReply,
  console_link: consoleLinkReply,
  forecast: forecastReply,
};

/**
 * The turn's replies as outbound rows, keyed by the inbound message so a replay queues nothing new,
 * and the replies as shown (a data reply may leave out choices its data makes pointless).
 * Two steps: the data of the replies that need some is fetched (inside the turn's transaction), then
 * every reply is rendered without touching the database. Replies that fit one message go as one
 * (coalesce.ts).
 */
export async function renderReplies(deps: AppDeps, tx: Tx, target: RenderTarget, personId: string, replies: Reply[]): Promise<{ rows: NewOutbound[]; shown: Reply[] }> {
  const fetchCtx: FetchContext = { deps, tx, target, personId };
  const data: unknown[] = [];
  for (const reply of replies) data.push(reply.type === "text" || reply.type === "choices" ? undefined : await dataReplyOf(reply).fetch(fetchCtx, reply as never));
  // The replies as the person will see them (a data reply may leave out choices its data makes
  // pointless): what is rendered, and what a typed choice number is read against next time.
  const shown = replies.map((reply, i) => {
    const dataReply = reply.type === "text" || reply.type === "choices" ? undefined : dataReplyOf(reply);
    return dataReply?.shown ? (dataReply.shown(reply as never, data[i]) as Reply) : reply;
  });
  const renderCtx: RenderContext = { t: fixedT(deps.i18n, target.locale), deps, target };
  const rows: NewOutbound[] = [];
  for (const [i, reply] of shown.entries()) {
    const intents: Intent[] = reply.type === "text" || reply.type === "choices" ? [renderReply(renderCtx.t, reply)] : dataReplyOf(reply).render(renderCtx, reply as never, data[i]);
    // Someone's words in the reply: translated for this reader at sending time (outbox/translation.ts).
    const words = (reply.type === "text" || reply.type === "choices") && reply.words ? pendingFor(deps, reply.words, target.locale) : undefined;
    for (const [j, intent] of intents.entries()) {
      rows.push({
        ...(words ? { translate: words } : {}),
        idempotencyKey: `reply:${target.inboundId}:${i}${j ? `.${j}` : ""}`,
        personId: target.personId,
        channel: target.address.channel,
        externalId: target.address.externalId,
        purpose: target.purpose,
        intent,
      });
    }
  }
  return { rows: coalesceReplies(rows), shown };
}

function dataReplyOf(reply: Reply): DataReply<DataReplyType, unknown> {
  return DATA_REPLIES[reply.type as DataReplyType] as DataReply<DataReplyType, unknown>;
}
