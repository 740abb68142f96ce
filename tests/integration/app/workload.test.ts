import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import type { InboundMessage } from "../../../src/core/inbound.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

/** A coordinator's lists are hers: the threads offered to answer are those of her cohorts' members and of people in none. */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
  const cohort = (key: string, member: string, coordinator: string) => ({
    key,
    name: `Coopérative ${key}`,
    startsOn: "2026-10-01",
    endsOn: "2027-06-01",
    sessions: [],
    members: [{ channel: "console" as const, externalId: member, name: member, locale: "fr" as const }],
    coordinators: [{ channel: "console" as const, externalId: coordinator, name: coordinator, locale: "fr" as const }],
  });
  await importProgramme(svc.service.deps.prisma, { cohorts: [cohort("nord", "Awa", "Amina"), cohort("sud", "Olena", "Marc")] });
});
afterAll(async () => svc?.stop());

const prisma = () => svc.service.deps.prisma;
let seq = 0;
async function says(externalId: string, text: string): Promise<string> {
  seq++;
  const id = `w-${seq}`;
  const message: InboundMessage = { channel: "console", externalId, platformMessageId: id, sentAt: new Date(Date.now() + seq), kind: "text", text };
  await ingest(svc.service.deps, { messages: [message] });
  await eventually(async () => (await prisma().inboundMessage.findFirst({ where: { platformMessageId: id } }))?.status === "processed");
  const last = await prisma().outboundMessage.findFirst({ where: { externalId }, orderBy: { seq: "desc" } });
  const intent = last?.intent as { text?: string; choices?: { label: string }[] } | undefined;
  return [intent?.text ?? "", ...(intent?.choices ?? []).map((c) => c.label)].join("\n");
}

describe("the threads a coordinator is offered", () => {
  it("offers only the threads of her own cohorts' members", async () => {
    await says("Olena", "j'ai une question sur la TVA, je dois la déclarer ?");
    await eventually(async () => (await prisma().relayThread.count()) === 1);
    // Marc coordinates Olena's cohort: his words that look like an answer are asked about, with her thread.
    const marc = await says("Marc", "merci pour ton message, je t'appelle demain matin");
    expect(marc).toContain("Est-ce une réponse à envoyer ?");
    expect(marc).toContain("Envoyer à Olena");
    // Amina does not: Olena is not hers, and nothing of hers is waiting.
    const amina = await says("Amina", "merci pour ton message, je t'appelle demain matin");
    expect(amina).not.toContain("Olena");
    expect(amina).not.toContain("Est-ce une réponse à envoyer ?");
  });
});
