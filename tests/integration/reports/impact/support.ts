/**
 * A small programme history for the impact report's tests, written with the real import and Prisma:
 * cohorts in 2025 (ended), six sessions held each with attendance and RSVPs, sales and expenses, the
 * 6-month check-in answered. Every figure follows from the spec, so tests can name the exact values.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { AdminContext } from "../../../../src/admin/context.ts";
import { reportCommand } from "../../../../src/admin/report.ts";
import { loadConfig } from "../../../../src/config/config.ts";
import type { Database } from "../../../../src/db/database.ts";
import type { PrismaClient } from "../../../../src/db/generated/client.ts";
import { importProgramme } from "../../../../src/programme/import.ts";
import type { ActivityStatus } from "../../../../src/reports/impact/model.ts";

export interface MemberSpec {
  name: string;
  status: "alumni" | "left";
  /** Sales in cents, each on the given day. */
  sales?: { day: string; cents: number }[];
  expenses?: { day: string; cents: number }[];
  /** Sessions attended out of the six held. */
  present: number;
  /** The 6-month check-in's answer (alumni only). */
  outcome?: ActivityStatus;
  needsHelp?: boolean;
}

export interface CohortSpec {
  key: string;
  name: string;
  /** Month of the start, "2025-01": the cohort runs five months from the 6th. */
  month: string;
  members: MemberSpec[];
  /** Applicants turned down for this cohort. */
  declined?: number;
}

let phone = 0;
/** WhatsApp numbers of the range ARCEP keeps for fiction (+33 6 39 98 xx xx). */
const externalId = () => `3363998${String(++phone).padStart(4, "0")}`;

export async function seedProgramme(prisma: PrismaClient, cohorts: CohortSpec[]): Promise<void> {
  const ids = new Map<string, string>();
  await importProgramme(prisma, {
    cohorts: cohorts.map((c) => {
      const [y, m] = c.month.split("-").map(Number) as [number, number];
      const day = (monthOffset: number, d: number) => new Date(Date.UTC(y, m - 1 + monthOffset, d)).toISOString().slice(0, 10);
      return {
        key: c.key,
        name: c.name,
        timezone: "Europe/Paris",
        startsOn: day(0, 6),
        endsOn: day(5, 6),
        sessions: Array.from({ length: 6 }, (_, i) => ({ key: `s${i + 1}`, title: `Session ${i + 1}`, startsAt: `${day(0, 7 + 7 * i)}T09:30`, endsAt: `${day(0, 7 + 7 * i)}T12:30`, location: "Paris 11e" })),
        members: c.members.map((p) => {
          const id = externalId();
          ids.set(`${c.key}/${p.name}`, id);
          return { channel: "whatsapp", externalId: id, name: p.name, locale: "fr" };
        }),
        coordinators: [],
      };
    }),
  });

  for (const c of cohorts) {
    const cohort = await prisma.cohort.findUniqueOrThrow({ where: { key: c.key }, include: { sessions: { orderBy: { startsAt: "asc" } } } });
    await prisma.cohort.update({ where: { id: cohort.id }, data: { endedAt: cohort.endsOn } });
    for (const p of c.members) {
      const personId = (await prisma.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId: ids.get(`${c.key}/${p.name}`)! } } })).personId;
      await prisma.membership.update({ where: { cohortId_personId: { cohortId: cohort.id, personId } }, data: { status: p.status } });
      await prisma.person.update({ where: { id: personId }, data: { stage: p.status } });
      await prisma.application.create({ data: { personId, cohortId: cohort.id, status: "accepted", submittedAt: cohort.startsOn } });
      await prisma.attendance.createMany({ data: cohort.sessions.map((s, i) => ({ sessionId: s.id, personId, present: i < p.present })) });
      await prisma.rsvp.createMany({ data: cohort.sessions.map((s, i) => ({ sessionId: s.id, personId, answer: i < p.present ? ("yes" as const) : ("no" as const) })) });
      const entries = [...(p.sales ?? []).map((s) => ({ ...s, kind: "sale" as const })), ...(p.expenses ?? []).map((s) => ({ ...s, kind: "expense" as const }))];
      await prisma.transaction.createMany({
        data: entries.map((e) => ({ personId, cohortId: cohort.id, kind: e.kind, amountCents: e.cents, occurredOn: new Date(`${e.day}T00:00:00Z`) })),
      });
      if (p.status === "alumni") {
        const sentAt = new Date(cohort.endsOn.getTime() + 183 * 86_400_000);
        await prisma.checkIn.create({
          data: {
            personId,
            cohortId: cohort.id,
            offset: "P6M",
            sentAt,
            answeredAt: p.outcome ? new Date(sentAt.getTime() + 3_600_000) : null,
            activityStatus: p.outcome ?? null,
            needsHelp: p.outcome ? (p.needsHelp ?? false) : null,
          },
        });
      }
    }
    for (let i = 0; i < (c.declined ?? 0); i++) {
      const person = await prisma.person.create({
        data: { firstName: `Candidate ${c.key} ${i}`, stage: "applicant", identities: { create: { channel: "whatsapp", externalId: externalId() } } },
      });
      await prisma.application.create({ data: { personId: person.id, cohortId: cohort.id, status: "declined", submittedAt: cohort.startsOn } });
    }
  }
}

/**
 * Runs `admin -- report impact` with these arguments on the database; the CSV and HTML it wrote, and the
 * paths. The files go to a temporary folder, removed afterwards, unless `keepIn` names a folder.
 */
export async function runImpactReport(db: Database, args: string[] = [], keepIn?: string): Promise<{ csv: string; html: string; files: string[]; err: string }> {
  const dir = keepIn ?? (await mkdtemp(path.join(tmpdir(), "impact-")));
  let out = "";
  let err = "";
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) });
  const ctx: AdminContext = {
    config: loadConfig({}),
    db: async () => db,
    cwd: process.cwd(),
    out: sink((s) => (out += s)),
    err: sink((s) => (err += s)),
  };
  try {
    await reportCommand(ctx, ["impact", "--out", dir, ...args]);
    const files = out.trim().split("\n");
    const [csv, html] = await Promise.all(files.map((f) => readFile(f, "utf8")));
    return { csv: csv!, html: html!, files, err };
  } finally {
    if (keepIn === undefined) await rm(dir, { recursive: true, force: true });
  }
}

/** The text a reader sees on the page: no style sheet, no tags, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}
