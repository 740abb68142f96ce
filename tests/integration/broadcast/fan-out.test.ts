/**
 * A broadcast's fan-out on the real database: each message created and queued once on a first run
 * (nothing dispatched again at its end, which held a 10,000-person broadcast's sends up), and, after a
 * crash between a batch's commit and its dispatch, the next run queues what was left.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fanOutBroadcast } from "../../../src/broadcast/fan-out.ts";
import type { ChannelName } from "../../../src/core/inbound.ts";
import type { AppDeps, Dispatcher } from "../../../src/deps.ts";
import { startTestService, type TestService } from "../../support/service.ts";

let svc: TestService;
const PEOPLE = 12;
let coordinatorId: string;

beforeAll(async () => {
  // The web role: no worker takes the jobs, the test's own dispatcher sees every dispatch.
  svc = await startTestService({ role: "web" });
  const { prisma } = svc.service.deps;
  coordinatorId = (await prisma.person.create({ data: { role: "coordinator", firstName: "Amina", locale: "fr" } })).id;
  for (let i = 0; i < PEOPLE; i++) {
    await prisma.person.create({
      data: { firstName: `P${i}`, locale: i % 2 ? "ar" : "fr", stage: "member", identities: { create: { channel: "console", externalId: `fan-${i}`, lastInboundAt: new Date() } } },
    });
  }
});
afterAll(async () => {
  await svc?.stop();
});

/** A broadcast to everyone created above, its recipients pending, as the chat's "create_broadcast" effect leaves it. */
async function newBroadcast(): Promise<string> {
  const { prisma } = svc.service.deps;
  const people = await prisma.person.findMany({ where: { identities: { some: { externalId: { startsWith: "fan-" } } } }, select: { id: true, locale: true } });
  const b = await prisma.broadcast.create({
    data: { createdById: coordinatorId, audience: { type: "all" }, originalLocale: "fr", texts: { fr: "Pas de formation jeudi." }, status: "sending", confirmedAt: new Date() },
  });
  await prisma.broadcastRecipient.createMany({ data: people.map((p) => ({ broadcastId: b.id, personId: p.id, locale: p.locale ?? "fr" })) });
  return b.id;
}

/** The service's deps with a dispatcher that records the outbound rows handed to it (and can fail, as a crash would). */
function recording(opts: { failOutbound?: boolean } = {}): { deps: AppDeps; dispatched: string[] } {
  const dispatched: string[] = [];
  const dispatcher: Dispatcher = {
    ...svc.service.deps.dispatcher,
    async outbound(_channel: ChannelName, ids: string[]) {
      if (opts.failOutbound) throw new Error("crash between commit and dispatch");
      dispatched.push(...ids);
    },
    async outboundEach(_channel: ChannelName, ids: string[]) {
      if (opts.failOutbound) throw new Error("crash between commit and dispatch");
      dispatched.push(...ids);
    },
  };
  return { deps: { ...svc.service.deps, dispatcher }, dispatched };
}

describe("broadcast fan-out", () => {
  it("creates and queues each message once, and queues none of them again at the end", async () => {
    const id = await newBroadcast();
    const { deps, dispatched } = recording();
    const { claimed } = await fanOutBroadcast(deps, id);
    expect(claimed).toBe(PEOPLE);
    const rows = await deps.prisma.outboundMessage.findMany({ where: { broadcastRecipient: { broadcastId: id } }, select: { id: true } });
    expect(rows).toHaveLength(PEOPLE);
    expect(dispatched.slice().sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("after a crash between a batch's commit and its dispatch, the next run queues the messages left", async () => {
    const id = await newBroadcast();
    await expect(fanOutBroadcast(recording({ failOutbound: true }).deps, id)).rejects.toThrow("crash between commit and dispatch");
    const { prisma } = svc.service.deps;
    expect(await prisma.broadcastRecipient.count({ where: { broadcastId: id, status: "claimed" } })).toBe(PEOPLE);

    const { deps, dispatched } = recording();
    const { claimed } = await fanOutBroadcast(deps, id);
    expect(claimed).toBe(0);
    const rows = await prisma.outboundMessage.findMany({ where: { broadcastRecipient: { broadcastId: id } }, select: { id: true } });
    expect(rows).toHaveLength(PEOPLE);
    expect(dispatched.slice().sort()).toEqual(rows.map((r) => r.id).sort());
  });
});
