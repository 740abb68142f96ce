import type pg from "pg";
import { clearPrefix, uniquePrefix } from "../../tests/support/redis.ts";
import type { Cleanup } from "./cleanup.ts";
import { pool } from "./database.ts";
import { startBenchWhatsApp, type BenchWhatsApp } from "./fake-whatsapp.ts";
import { waitFor } from "./log.ts";
import { createCohort, seedParticipants } from "./seed.ts";
import { startServiceProcess, type ServiceProcess } from "./service-process.ts";
import { postAll, prepareText, type PreparedPost } from "./webhook-client.ts";

/** What members write (sales and expenses, read back for confirmation) and what newcomers write first. */
export const SALES = ["vendu 3 plats à 12€", "vendu 2 gâteaux à 4,50€", "acheté farine 12,50€", "vendu 10 samoussas pour 15€", "vendu 1 robe à 35 euros", "acheté 5 kg de riz 9€"];
export const GREETINGS = [
  "Bonjour",
  "Bonjour, je voudrais m'inscrire à la formation",
  "Hello, I would like to join the training",
  "مرحبا، أريد التسجيل في التدريب",
  "Hola, quiero inscribirme en la formación",
  "Salam",
];

/** Greetings posted before the measure. */
export const WARM_UP = 200;

export interface InboundScenario {
  sql: pg.Pool;
  svc: ServiceProcess;
  wa: BenchWhatsApp;
  /** One signed webhook per sender, in posting order: members' sales and newcomers' greetings alternating. */
  posts: PreparedPost[];
  senders: Set<string>;
  members: number;
  newcomers: number;
  /** Sends the fake platform accepted during the warm-up (the measured ones come after). */
  warmSends: number;
}

/**
 * The inbound benchmarks' common ground (`inbound_throughput`, `inbound_reply_latency_p99`): on a fresh
 * database, half the `messages` come from seeded members (their window open) logging a sale, half from
 * newcomers greeting in several languages, every sender distinct; the real service process against the
 * fake Graph API at WhatsApp's highest tier (WHATSAPP_MESSAGES_PER_SECOND=1000, the most the configuration
 * accepts, so that the service and not its limiter is measured); then `WARM_UP` greetings of warm-up, so
 * connections, JIT and caches are what they are in a running service. `tag` keeps each benchmark's
 * numbers and message ids apart.
 */
export async function startInboundScenario(
  cleanup: Cleanup,
  databaseUrl: string,
  opts: { label: string; tag: string; digit: number; messages: number; nodeArgs?: string[]; env?: Record<string, string> },
): Promise<InboundScenario> {
  const sql = pool(cleanup, databaseUrl);
  const cohortId = await createCohort(sql, `bench-${opts.label}`);
  const memberCount = Math.floor(opts.messages / 2);
  const members = await seedParticipants(sql, { cohortId, count: memberCount, externalPrefix: `336${opts.digit}`, lastInboundAt: new Date(Date.now() - 3600_000) });
  const newcomers = Array.from({ length: opts.messages - memberCount }, (_, i) => `337${opts.digit}${String(i).padStart(7, "0")}`);

  const prefix = uniquePrefix(`bench-${opts.tag}`);
  cleanup.add(`clear redis prefix ${prefix}`, () => clearPrefix(prefix));
  const wa = await startBenchWhatsApp(cleanup);
  const svc = await startServiceProcess(cleanup, {
    databaseUrl,
    prefix,
    whatsappBaseUrl: wa.fake.baseUrl,
    label: `service(${opts.label})`,
    nodeArgs: opts.nodeArgs,
    env: { WHATSAPP_MESSAGES_PER_SECOND: "1000", ...opts.env },
  });

  const warm = Array.from({ length: WARM_UP }, (_, i) => prepareText(`339${opts.digit}${String(i).padStart(7, "0")}`, GREETINGS[i % GREETINGS.length]!, `wamid.WARM${opts.tag}${i}`));
  await postAll(svc.baseUrl, warm, 32);
  await waitFor("warm-up replies", () => new Set(wa.accepted().map((s) => s.to)).size >= warm.length, 120_000, 100);
  const warmSends = wa.accepted().length;

  const posts: PreparedPost[] = [];
  for (let i = 0; i < opts.messages; i++) {
    const memberTurn = i % 2 === 0 && i / 2 < members.length;
    const from = memberTurn ? members[i / 2]!.externalId : newcomers[Math.floor(i / 2)]!;
    posts.push(prepareText(from, memberTurn ? SALES[i % SALES.length]! : GREETINGS[i % GREETINGS.length]!, `wamid.${opts.tag}${i}`));
  }
  const senders = new Set(posts.map((p) => p.from));
  if (senders.size !== posts.length) throw new Error("senders are not distinct");
  return { sql, svc, wa, posts, senders, members: members.length, newcomers: newcomers.length, warmSends };
}
