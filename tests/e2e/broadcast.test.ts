import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/app/inbound/ingest.ts";
import { importProgramme } from "../../src/programme/import.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { startWithPlatforms } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

let wa: FakeWhatsApp;
let tg: FakeTelegram;
let svc: TestService;

beforeAll(async () => {
  ({ wa, tg, svc } = await startWithPlatforms());
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [
      {
        key: "mixte",
        name: "Coopérative Mixte",
        startsOn: "2026-10-01",
        endsOn: "2027-03-01",
        sessions: [],
        members: [
          { channel: "whatsapp", externalId: "33610000001", name: "Fatima", locale: "ar" },
          { channel: "whatsapp", externalId: "33610000002", name: "Awa", locale: "fr" },
          { channel: "telegram", externalId: "61000003", name: "Olena", locale: "uk" },
          { channel: "telegram", externalId: "61000004", name: "Rahim", locale: "fa" },
          { channel: "telegram", externalId: "61000005", name: "Stop", locale: "en" },
        ],
        coordinators: [{ channel: "console", externalId: "coord", name: "Amina", locale: "fr" }],
      },
    ],
  });
  await svc.service.deps.prisma.person.updateMany({ where: { firstName: "Stop" }, data: { optedOutAt: new Date() } });
});
afterAll(async () => {
  await svc?.stop();
  await wa?.close();
  await tg?.close();
});

let seq = 0;
const prisma = () => svc.service.deps.prisma;
async function coordinatorSays(text: string) {
  seq++;
  const id = `b-${seq}`;
  await ingest(svc.service.deps, { messages: [{ channel: "console", externalId: "coord", platformMessageId: id, sentAt: new Date(Date.now() + seq), kind: "text", text }] });
  await eventually(async () => (await prisma().inboundMessage.findFirst({ where: { platformMessageId: id } }))?.status === "processed");
  await eventually(async () => (await prisma().outboundMessage.count({ where: { externalId: "coord", status: { in: ["queued", "sending"] } } })) === 0);
  const rows = await prisma().outboundMessage.findMany({ where: { externalId: "coord" }, orderBy: { seq: "asc" } });
  return (rows.at(-1)!.intent as { text: string }).text;
}

describe("a coordinator broadcasts to a cohort of mixed languages across WhatsApp and Telegram", () => {
  it("previews, sends each person their version once, and reports", async () => {
    expect(await coordinatorSays("annonce")).toContain("À qui");
    expect(await coordinatorSays("1")).toContain("Français"); // the cohort, then: write in French
    await coordinatorSays("La formation de jeudi commence à 10 h au lieu de 9 h 30.");
    await coordinatorSays("2"); // add a language
    await coordinatorSays("العربية");
    await coordinatorSays("يبدأ تدريب يوم الخميس الساعة 10 بدلاً من 9:30.");
    const preview = await coordinatorSays("1"); // preview
    expect(preview).toContain("4 personnes");
    expect(preview).toContain("العربية : 1 (version dans leur langue)");
    expect(preview).toContain("Українська : 1 (message original");
    await coordinatorSays("1"); // send

    const broadcast = await eventually(() => prisma().broadcast.findFirst({ where: { status: "done" } }), 30_000, 200);
    // WhatsApp recipients never wrote: outside the 24-hour window, the announcement template carries the text.
    const waSent = wa.sent();
    expect(waSent).toHaveLength(2);
    expect(waSent.every((m) => m["type"] === "template")).toBe(true);
    expect(JSON.stringify(waSent.find((m) => m["to"] === "33610000001"))).toContain("يبدأ تدريب");
    expect(JSON.stringify(waSent.find((m) => m["to"] === "33610000002"))).toContain("commence à 10 h");
    const tgSent = tg.callsTo("sendMessage").map((c) => ({ to: String(c.params["chat_id"]), text: String(c.params["text"]) }));
    expect(tgSent.map((m) => m.to).sort()).toEqual(["61000003", "61000004"]);
    expect(tgSent.find((m) => m.to === "61000003")!.text).toMatch(/координатор|координації|Повідомлення/i);
    expect(tgSent.find((m) => m.to === "61000003")!.text).toContain("commence à 10 h");
    expect(tgSent.some((m) => m.to === "61000005")).toBe(false); // opted out

    const recipients = await prisma().broadcastRecipient.findMany({ where: { broadcastId: broadcast.id } });
    expect(recipients).toHaveLength(4);
    expect(recipients.every((r) => r.status === "claimed" && r.outboundMessageId)).toBe(true);
    const report = await eventually(async () => {
      const text = (await prisma().outboundMessage.findFirst({ where: { idempotencyKey: { startsWith: `bc-report:${broadcast.id}` } } }))?.intent as { text: string } | undefined;
      return text?.text;
    });
    expect(report).toContain("Envoyés : 4");
    expect(report).toContain("Échecs : 0");
    expect(await prisma().auditLog.count({ where: { action: "broadcast.sent", subject: broadcast.id } })).toBe(1);

    const env = { ...process.env, DATABASE_URL: (svc.service.config.database as { url: string }).url };
    const admin = (args: string[]) =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], { env }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
      );
    const printed = await admin(["broadcast:report", broadcast.id]);
    expect(printed).toContain("recipients: 4");
    expect(printed).toContain("sent: 4");
    expect(printed).toContain("failed: 0");
    const audit = await admin(["audit"]);
    expect(audit).toMatch(/Amina \(coordinator\)\tbroadcast\.sent\t/);
  });

  it("does not offer to send to an empty audience, and a typed '1' means the first choice shown", async () => {
    const before = await prisma().broadcast.count();
    expect(await coordinatorSays("annonce")).toContain("À qui");
    await coordinatorSays("3"); // the alumni: there are none yet
    await coordinatorSays("Réunion des anciens samedi.");
    const preview = await coordinatorSays("1"); // preview
    expect(preview).toContain("0 personne");
    const last = await prisma().outboundMessage.findFirstOrThrow({ where: { externalId: "coord" }, orderBy: { seq: "desc" } });
    expect((last.intent as { choices: { id: string }[] }).choices.map((c) => c.id)).toEqual(["bc:edit", "bc:cancel"]);
    expect(await coordinatorSays("1")).toContain("Écrivez le message en Français"); // rewrite, not send
    expect(await prisma().broadcast.count()).toBe(before);
    await coordinatorSays("annuler");
  });

  it("refuses the broadcast command to a participant", async () => {
    seq++;
    await ingest(svc.service.deps, { messages: [{ channel: "telegram", externalId: "61000004", platformMessageId: `b-${seq}`, sentAt: new Date(), kind: "text", text: "broadcast" }] });
    await eventually(async () => (await prisma().auditLog.count({ where: { action: "denied", subject: "broadcast" } })) === 1);
  });
});
