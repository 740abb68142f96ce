import type { i18n as I18n } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { reportReply } from "../../../src/broadcast/progress.ts";
import type { BroadcastReport } from "../../../src/broadcast/report.ts";
import { createI18n } from "../../../src/i18n/i18n.ts";
import { renderFor } from "../../../src/i18n/render.ts";

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

const report: BroadcastReport = {
  total: 12,
  pending: 0,
  sent: 6,
  delivered: 5,
  read: 2,
  failed: 6,
  skipped: 0,
  reasons: [
    { code: "telegram.403", count: 3 },
    { code: "whatsapp.131047", count: 1 },
    { code: "whatsapp.window_closed", count: 1 },
    { code: "whatsapp.131049", count: 1 },
  ],
};
const textIn = (locale: "fr" | "ar" | "ti") => {
  const intent = renderFor({ i18n }, locale, reportReply(report));
  return intent.type === "text" ? intent.text : "";
};

describe("a broadcast's report in the chat", () => {
  it("says why messages failed in the coordinator's words, the same reason counted once", () => {
    const lines = textIn("fr").split("\n").filter((l) => l.startsWith("•"));
    expect(lines).toEqual([
      "• bot bloqué ou numéro injoignable : 3",
      "• plus de 24 h sans message de la personne, et pas de modèle WhatsApp : 2",
      "• refusé par la plateforme : 1",
    ]);
  });

  it("in every language, without the platform's codes", () => {
    for (const locale of ["ar", "ti"] as const) {
      const text = textIn(locale);
      expect(text.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(3);
      expect(text).not.toMatch(/telegram\.|whatsapp\.|failed_because/);
    }
  });
});
