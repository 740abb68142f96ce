import { execFile } from "node:child_process";
import { parse } from "csv-parse/sync";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import type { InboundMessage } from "../../../src/core/inbound.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [
      {
        key: "cuisine-test",
        name: "Coopérative Cuisine",
        startsOn: "2026-10-01",
        endsOn: "2027-03-01",
        sessions: [],
        members: [
          { channel: "console", externalId: "awa", name: "Awa", locale: "fr" },
          { channel: "console", externalId: "fatima", name: "Fatima", locale: "ar" },
        ],
        coordinators: [{ channel: "console", externalId: "amina", name: "Amina", locale: "fr" }],
      },
    ],
  });
});
afterAll(async () => svc?.stop());

const prisma = () => svc.service.deps.prisma;
let seq = 0;
async function say(externalId: string, event: Partial<InboundMessage>) {
  seq++;
  const id = `s-${seq}`;
  await ingest(svc.service.deps, { messages: [{ channel: "console", externalId, platformMessageId: id, sentAt: new Date(Date.now() + seq), kind: "text", ...event }] });
  await eventually(async () => (await prisma().inboundMessage.findFirst({ where: { platformMessageId: id } }))?.status === "processed");
  await eventually(async () => (await prisma().outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0);
  return (await prisma().outboundMessage.findMany({ where: { externalId }, orderBy: { seq: "asc" } })).map(
    (r) => {
      const intent = r.intent as { type: string; text?: string; contentBase64?: string; filename?: string; caption?: string };
      // Intl puts (narrow) no-break spaces and direction marks around amounts: compare plain text.
      return { ...intent, text: intent.text?.replace(/[\u00a0\u202f]/g, " ").replace(/[\u200e\u200f]/g, "") };
    },
  );
}

describe("sales through the real pipeline", () => {
  it("records a confirmed sale in cents with the cohort, and nothing before", async () => {
    let out = await say("awa", { text: "vendu 3 plats à 12€" });
    expect(out.at(-1)!.text).toContain("3 × plats à 12,00 € = 36,00 € — vente du");
    expect(await prisma().transaction.count()).toBe(0);
    await say("awa", { text: "1" });
    const sale = await prisma().transaction.findFirstOrThrow({ include: { cohort: true } });
    expect(sale).toMatchObject({ kind: "sale", amountCents: 3600, unitPriceCents: 1200, quantity: 3, item: "plats", currency: "EUR", originalText: "vendu 3 plats à 12€" });
    expect(sale.cohort?.key).toBe("cuisine-test");
    out = await say("awa", { text: "totaux" });
    expect(out.at(-1)!.text).toContain("36,00");
  });

  it("records an Arabic sale and reads it back in Arabic", async () => {
    const out = await say("fatima", { text: "بعت ٣ وجبات ب ٤٥ يورو" });
    // Quantity and amounts in the same (Arabic-Indic) digits.
    expect(out.at(-1)!.text).toContain("٣ × وجبات");
    expect(out.at(-1)!.text).toContain("٤٥٫٠٠");
    expect(out.at(-1)!.text).not.toMatch(/[0-9]/);
    expect(out.at(-1)!.text).toContain("وجبات");
    await say("fatima", { choiceId: "sale:ok", kind: "choice" });
    expect(await prisma().transaction.count({ where: { amountCents: 4500 } })).toBe(1);
  });

  it("undoes the last entry", async () => {
    await say("awa", { text: "acheté farine 12,50€" });
    await say("awa", { text: "1" });
    expect(await prisma().transaction.count({ where: { kind: "expense", undoneAt: null } })).toBe(1);
    await say("awa", { text: "annuler" });
    await say("awa", { text: "1" });
    expect(await prisma().transaction.count({ where: { kind: "expense", undoneAt: null } })).toBe(0);
  });

  it("gives the coordinator the totals per member and the CSV export, and audits it", async () => {
    let out = await say("amina", { text: "totaux" });
    expect(out.at(-1)!.text).toContain("Awa");
    expect(out.at(-1)!.text).toContain("Fatima");
    out = await say("amina", { text: "export" });
    const doc = out.at(-2)!;
    expect(doc.type).toBe("document");
    expect(out.at(-1)!.filename).toMatch(/^attendance-/);
    const rows = parse(Buffer.from(doc.contentBase64!, "base64").toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r["person"], r["kind"], r["total"]])).toEqual([
      ["Awa", "sale", "36.00"],
      ["Fatima", "sale", "45.00"],
    ]);
    expect(await prisma().auditLog.count({ where: { action: "export.sales" } })).toBe(1);
  });

  it("exports the same CSV from the admin command, with a date filter", async () => {
    const url = (svc.service.config.database as { url: string }).url;
    const run = (args: string[]) =>
      new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
        execFile(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], { env: { ...process.env, DATABASE_URL: url } }, (err, stdout, stderr) =>
          err ? reject(Object.assign(err, { stderr })) : resolve({ stdout, stderr }),
        ),
      );
    const { stdout, stderr } = await run(["export", "sales", "--cohort", "cuisine-test"]);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["date", "person", "kind", "item", "quantity", "unit price", "total", "currency", "original message", "recorded at"]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!["original message"]).toBe("بعت ٣ وجبات ب ٤٥ يورو");
    expect(stderr).toContain("2 row(s) exported");
    const none = await run(["export", "sales", "--cohort", "cuisine-test", "--to", "2020-01-01"]);
    expect(parse(none.stdout, { columns: true })).toEqual([]);
  });
  it("gives the coordinator the cooperative's week and month beside the whole programme ('combien ce mois ?')", async () => {
    const awa = await prisma().person.findFirstOrThrow({ where: { identities: { some: { externalId: "awa" } } } });
    const cohort = await prisma().cohort.findFirstOrThrow({ where: { key: "cuisine-test" } });
    await prisma().transaction.create({
      data: { personId: awa.id, cohortId: cohort.id, kind: "sale", amountCents: 1000, currency: "EUR", item: "thé", occurredOn: new Date("2026-10-02"), originalText: "vendu thé 10€" },
    });
    const text = (await say("amina", { text: "combien de ventes ce mois ?" })).at(-1)!.text!;
    expect(text).toContain("Ce mois-ci : 81,00 € de ventes");
    expect(text).toContain("Cette semaine : 81,00 € de ventes");
    expect(text).toContain("Depuis le début : 91,00 € de ventes");
  });

  it("gives the figures of a month or a week named ('combien en octobre', 'mes ventes d'octobre'), by member and by product", async () => {
    // The entry of 2 October above; October is the latest October whatever today's date.
    const team = (await say("amina", { text: "combien en octobre ?" })).at(-1)!.text!;
    expect(team).toMatch(/Du 1 octobre( 2026)? au 31 octobre( 2026)? : 10,00 € de ventes, 0,00 € de dépenses/u);
    expect(team).toContain("Awa : 10,00 € (1 ligne)");
    expect(team).not.toContain("Ce mois-ci");
    const own = (await say("awa", { text: "mes ventes d'octobre" })).at(-1)!.text!;
    expect(own).toMatch(/Du 1 octobre( 2026)? au 31 octobre( 2026)? : 10,00 € de ventes/u);
    expect(own).toContain("thé : 10,00 €");
    expect(own).not.toContain("plats");
    // "export octobre": that month's entries only, said in the caption and the file's name.
    const exported = (await say("amina", { text: "export octobre" })).at(-2)!;
    expect(exported.filename).toMatch(/^sales-\d{4}-10-01-to-\d{4}-10-31\.csv$/u);
    expect(exported.caption).toMatch(/Du 1 octobre( \d{4})? au 31 octobre( \d{4})?\n📤 Ventes et dépenses \(1 ligne\)/u);
    const october = parse(Buffer.from(exported.contentBase64!, "base64").toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(october.map((r) => [r["person"], r["item"], r["total"]])).toEqual([["Awa", "thé", "10.00"]]);
    const lastWeek = (await say("amina", { text: "total semaine derniere" })).at(-1)!.text!;
    const monday = DateTime.now().setZone("Europe/Paris").startOf("week").minus({ weeks: 1 });
    expect(lastWeek).toContain(`Du ${monday.setLocale("fr").toFormat("d MMMM")} au ${monday.plus({ days: 6 }).setLocale("fr").toFormat("d MMMM")}`);
    // The team's totals have no line for today: "combien aujourd'hui" and "export aujourd'hui" name it.
    const today = DateTime.now().setZone("Europe/Paris").setLocale("fr").toFormat("d MMMM");
    const todays = (await say("amina", { text: "combien aujourd'hui" })).at(-1)!.text!;
    expect(todays).toContain(`Le ${today} : 81,00 € de ventes`);
    expect(todays).not.toContain("Cette semaine");
    const exportedToday = (await say("amina", { text: "export aujourd'hui" })).at(-2)!;
    expect(exportedToday.caption).toMatch(new RegExp(`^🗓️ Le ${today}( \\d{4})?\n`, "u"));
  });

  it("records 'hier j'ai vendu …' on yesterday's date in the person's time zone", async () => {
    await say("awa", { text: "hier j'ai vendu 5 bissap à 2€" });
    await say("awa", { text: "1" });
    const sale = await prisma().transaction.findFirstOrThrow({ where: { originalText: "hier j'ai vendu 5 bissap à 2€" } });
    const yesterday = DateTime.now().setZone("Europe/Paris").minus({ days: 1 }).toISODate();
    expect(sale.occurredOn.toISOString().slice(0, 10)).toBe(yesterday);
    expect(sale.amountCents).toBe(1000);
  });
});
