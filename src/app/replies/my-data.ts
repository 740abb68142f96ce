import { LOCALE_NAMES } from "../../core/locales.ts";
import type { Say, SayParam } from "../../engine/types.ts";
import { renderReply } from "../../i18n/render.ts";
import { collectMyData, type MyData } from "../../privacy/my-data.ts";
import type { DataReply } from "./data-reply.ts";

/** "My data": a readable summary, then the whole record as a JSON document. */
export const myDataReply: DataReply<"document", MyData> = {
  fetch: ({ tx, personId }) => collectMyData(tx, personId),
  render({ t }, _reply, data) {
    const summary = renderReply(t, { type: "text", say: { key: "mydata.title" }, lines: summaryLines(data) });
    const json = JSON.stringify(data, null, 2);
    return [
      summary,
      { type: "document", filename: "migracoop-my-data.json", mimeType: "application/json", contentBase64: Buffer.from(json).toString("base64"), caption: t("mydata.caption") as string },
    ];
  },
};

/** The day of the most recent of some moments, in the reader's words with its year. */
function latest(dates: Date[]): SayParam | undefined {
  const last = dates.reduce<Date | undefined>((a, b) => (!a || b > a ? b : a), undefined);
  return last ? { date: last.toISOString().slice(0, 10), year: true } : undefined;
}

function summaryLines(d: MyData): Say[] {
  return [
    { key: "mydata.name", params: { value: d.person.firstName ?? "—" } },
    { key: "mydata.language", params: { value: d.person.language ? (LOCALE_NAMES as Record<string, string>)[d.person.language] ?? d.person.language : "—" } },
    { key: "mydata.addresses", params: { value: d.addresses.map((a) => `${a.channel} ${a.externalId}`).join(", ") || "—" } },
    // The data notice's consent (the language bridge's answer is its own row, in the document).
    { key: "mydata.consent", params: { value: latest(d.consents.filter((c) => c.kind === "data_processing").map((c) => c.givenAt)) ?? "—" } },
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
}
