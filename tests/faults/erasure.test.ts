import { execFile } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/app/inbound/ingest.ts";
import { createOutbound } from "../../src/outbox/outbound.ts";
import { importProgramme } from "../../src/programme/import.ts";
import { REMINDER_KIND } from "../../src/reminders/plan.ts";
import { syncSessionReminders } from "../../src/reminders/schedule.ts";
import { applyFireChanges } from "../../src/fires/changes.ts";
import { REDIS_URL } from "../support/redis.ts";
import { faultEnv, programmeOf, sleep, startInProcess, waitFor, type FaultEnv, type InProcess } from "./support.ts";

/**
 * "Delete my data", then confirmation, through the whole pipeline (ingest, inbound queue, engine,
 * effects), for a member who has talked to the bot, logged a sale, has an application with answers,
 * a consent, a message waiting to be sent and reminders armed in Redis. Afterwards nothing in
 * PostgreSQL (a full pg_dump) or in Redis (every key of the prefix) holds their address, name or
 * words; their reminder fires are cancelled, and their delayed jobs, forced to run now, send nothing.
 * A second member, who did nothing, keeps everything.
 */
const ME = "efface-1";
const OTHER = "reste-1";
/** Words only this person wrote or was called: none may survive the erasure, anywhere. */
const MARKERS = [ME, "Zoulikha", "Quatrefages", "baklavaZ", "traiteurZ syrien"];
/** The second person (the relay case), with words of their own. */
const ME2 = "efface-2";
const MARKERS2 = [ME2, "Nasrinka", "Belleville-Zed"];

let fault: FaultEnv;
let svc: InProcess;
let seq = 0;

beforeAll(async () => {
  fault = await faultEnv("erase");
  svc = await startInProcess(fault);
  const summary = await importProgramme(
    prisma(),
    programmeOf({
      key: "erase",
      offsets: ["-P1D", "-PT2H"],
      sessions: [{ key: "s", title: "Atelier effacement", startsAt: new Date(Date.now() + 3 * 86_400_000) }],
      members: [
        { channel: "console", externalId: ME, name: "Zoulikha", locale: "fr" },
        { channel: "console", externalId: OTHER, name: "Awa", locale: "fr" },
        { channel: "console", externalId: ME2, name: "Nasrinka", locale: "fr" },
      ],
      coordinators: [{ channel: "console", externalId: "coord-1", name: "Amina", locale: "fr" }],
    }),
  );
  await applyFireChanges(svc.service.deps.fires!, await syncSessionReminders(prisma(), summary.changedSessionIds, new Date()));
});
afterAll(async () => {
  await fault?.cleanup();
});

const prisma = () => fault.prisma;

/** One message from the person, through ingest and the queues; resolves once it is handled. */
async function says(externalId: string, text: string) {
  const id = `erase-${++seq}`;
  await ingest(svc.service.deps, { messages: [{ channel: "console", externalId, platformMessageId: id, sentAt: new Date(Date.now() + seq), kind: "text", text }] });
  await waitFor(`"${text}" handled`, async () => (await prisma().inboundMessage.findFirst({ where: { platformMessageId: id } }))?.status === "processed", 15_000);
  await waitFor("its replies sent", async () => (await prisma().outboundMessage.count({ where: { status: { in: ["queued", "sending"] }, NOT: { idempotencyKey: { startsWith: "seed:" } } } })) === 0, 15_000);
  return id;
}

async function redisDump(): Promise<string> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const out: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${fault.prefix}:*`, "COUNT", 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        out.push(key);
        if (type === "string") out.push((await redis.get(key)) ?? "");
        else if (type === "hash") out.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === "list") out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === "set") out.push(JSON.stringify(await redis.smembers(key)));
        else if (type === "zset") out.push(JSON.stringify(await redis.zrange(key, "0", "-1")));
        else if (type === "stream") out.push(JSON.stringify(await redis.xrange(key, "-", "+")));
      }
    } while (cursor !== "0");
    return out.join("\n");
  } finally {
    redis.disconnect();
  }
}

/** Every place a marker survives: "PostgreSQL <table>: <marker>: <row>" (a full pg_dump) or "Redis: <marker>" (every key of the prefix). */
async function leftoversOf(markers: string[]): Promise<string[]> {
  const dump = await new Promise<string>((resolve, reject) =>
    execFile("pg_dump", ["--data-only", "--dbname", fault.db.url], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
  const redis = await redisDump();
  const leftovers: string[] = [];
  let table = "";
  for (const line of dump.split("\n")) {
    if (line.startsWith("COPY ")) table = line.split(" ")[1]!;
    for (const marker of markers) if (line.includes(marker)) leftovers.push(`PostgreSQL ${table}: ${marker}: ${line.slice(0, 300)}`);
  }
  for (const marker of markers) if (redis.includes(marker)) leftovers.push(`Redis: ${marker}`);
  return leftovers;
}

describe("erasure through the pipeline", () => {
  it("removes the person from the database and from pending jobs", { timeout: 90_000 }, async () => {
    const me = await prisma().identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: ME } } });
    const personId = me.personId;
    const myFires = await prisma().scheduledFire.findMany({ where: { personId, kind: REMINDER_KIND } });
    expect(myFires).toHaveLength(2);
    expect([...(await svc.service.deps.fires!.lookup(myFires.map((f) => f.id))).values()].every((e) => e.state === "delayed")).toBe(true);
    // Seeded as if they had enrolled (answers, consent) before being accepted, and a message were waiting to go out.
    await prisma().consent.create({ data: { personId, version: "2026-01", givenAt: new Date() } });
    await prisma().application.create({
      data: { personId, status: "accepted", submittedAt: new Date(), answers: { create: [{ questionKey: "first_name", value: "Zoulikha", answeredAt: new Date() }, { questionKey: "project", value: "traiteurZ syrien, rue Quatrefages", answeredAt: new Date() }] } },
    });
    const [waiting] = await createOutbound(prisma(), [
      { idempotencyKey: "seed:waiting", personId, channel: "console", externalId: ME, purpose: "announcement", intent: { type: "text", text: "Rendez-vous rue Quatrefages, Zoulikha" } },
    ]);

    // They talk to the bot: a sale (confirmed), then words it does not understand (once: nothing goes to the team).
    const sale = await says(ME, "vendu 3 baklavaZ à 4€");
    await says(ME, "1");
    expect(await prisma().transaction.count({ where: { personId } })).toBe(1);
    const words = await says(ME, "J'habite 12 rue Quatrefages, je suis Zoulikha");
    await says(OTHER, "bonjour");

    // Erasure: the command, then the confirmation.
    await says(ME, "supprimer mes données");
    expect(svc.consoleOutput()).toContain("Effacer toutes vos données");
    const confirm = await says(ME, "1");

    // Database: no identity, no name, no text, no answers; the person row stays, anonymous.
    expect(await prisma().identity.findFirst({ where: { personId } })).toBeNull();
    const person = await prisma().person.findUniqueOrThrow({ where: { id: personId } });
    expect(person).toMatchObject({ firstName: null, locale: null });
    expect(person.erasedAt).not.toBeNull();
    for (const id of [sale, words, confirm]) {
      const row = await prisma().inboundMessage.findFirstOrThrow({ where: { platformMessageId: id } });
      expect(row).toMatchObject({ text: null, externalId: "erased", personId: null, payload: null });
    }
    expect(await prisma().inboundMessage.count({ where: { externalId: ME } })).toBe(0);
    expect(await prisma().application.count({ where: { personId } })).toBe(0);
    expect(await prisma().enrolmentAnswer.count()).toBe(0);
    expect(await prisma().consent.count({ where: { personId } })).toBe(0);
    expect(await prisma().transaction.findFirstOrThrow({ where: { personId } })).toMatchObject({ item: null, originalText: null });
    expect(await prisma().outboundMessage.findUniqueOrThrow({ where: { id: waiting! } })).toMatchObject({ status: "cancelled", externalId: "erased" });
    await waitFor("the goodbye sent, then scrubbed", async () => (await prisma().outboundMessage.findFirst({ where: { purpose: "erasure_confirmation", status: "sent", externalId: "erased" } })) !== null, 10_000);
    expect(svc.consoleOutput()).toContain("vos données sont effacées");

    // Pending work: the fires cancelled; their delayed jobs, if still in Redis, run now and send nothing.
    const fires = await prisma().scheduledFire.findMany({ where: { id: { in: myFires.map((f) => f.id) } } });
    expect(fires.map((f) => f.status)).toEqual(["cancelled", "cancelled"]);
    const left = [...(await svc.service.deps.fires!.lookup(myFires.map((f) => f.id))).entries()].filter(([, e]) => e.state !== "missing");
    for (const [id] of left) await (await svc.service.queues.fires.getJob(id))?.promote();
    await waitFor("the promoted jobs run", async () => [...(await svc.service.deps.fires!.lookup(myFires.map((f) => f.id))).values()].every((e) => e.state === "missing"), 15_000);
    await sleep(500);
    expect(await prisma().outboundMessage.count({ where: { purpose: "reminder" } })).toBe(0);
    expect(svc.consoleOutput()).not.toContain("Atelier effacement");
    console.log(`[erasure] ${left.length} of ${myFires.length} delayed reminder jobs were still in Redis after the erasure; run now, they sent nothing`);

    // Nothing of theirs anywhere: a full dump of the database, and every Redis key of the prefix.
    expect(await leftoversOf(MARKERS)).toEqual([]);

    // The other member keeps everything.
    expect(await prisma().identity.count({ where: { externalId: OTHER } })).toBe(1);
    expect(await prisma().scheduledFire.count({ where: { person: { identities: { some: { externalId: OTHER } } }, status: "pending" } })).toBe(2);
    expect(await prisma().person.count({ where: { firstName: "Awa" } })).toBe(1);
  });

  /*
   * Once a bug, fixed (src/app/erase.ts erasePerson): what a person says to the team, with their name and address,
   * is copied into the messages sent to OTHER people: the coordinators' relay notification
   * ("💬 Nasrinka — console efface-2 (Français) écrit : « … »") is an OutboundMessage row of the
   * coordinator, and erasePerson scrubs only rows whose personId is the erased person. The relay
   * thread is deleted, but that copy keeps their name, address and words. (Likewise the `notify:`
   * rows that tell coordinators of a new application name the applicant.)
   */
  it("also removes what the person said to the team (the coordinators' copies)", { timeout: 60_000 }, async () => {
    const personId = (await prisma().identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: ME2 } } })).personId;
    // Asks for a person; the next message goes to the open thread.
    await says(ME2, "parler à quelqu'un");
    await says(ME2, "J'habite rue Belleville-Zed, je suis Nasrinka");
    expect(await prisma().relayThread.count({ where: { personId } })).toBe(1);
    expect(svc.consoleOutput()).toContain("Belleville-Zed"); // forwarded to the coordinator

    await says(ME2, "supprimer mes données");
    await says(ME2, "1");
    expect(await prisma().identity.count({ where: { personId } })).toBe(0);
    expect(await prisma().relayThread.count({ where: { personId } })).toBe(0);
    expect(await leftoversOf(MARKERS2)).toEqual([]);
  });
});
