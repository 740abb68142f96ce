import { randomUUID } from "node:crypto";
import type pg from "pg";
import { PRIVACY_NOTICE_VERSION } from "../../src/engine/flows/questions.ts";

export interface SeedPerson {
  id: string;
  externalId: string;
  locale: string;
}

/**
 * Participants written straight to the tables in large statements (one `unnest` INSERT per table and
 * batch): people, their WhatsApp identity, a membership in `cohortId`. Seeding is not what is measured.
 */
export async function seedParticipants(
  db: pg.Pool,
  opts: { cohortId: string; count: number; externalPrefix: string; lastInboundAt: Date | null; locales?: readonly string[]; batch?: number },
): Promise<SeedPerson[]> {
  const locales = opts.locales ?? ["fr"];
  const batch = opts.batch ?? 10_000;
  const people: SeedPerson[] = Array.from({ length: opts.count }, (_, i) => ({
    id: randomUUID(),
    externalId: `${opts.externalPrefix}${String(i).padStart(7, "0")}`,
    locale: locales[i % locales.length]!,
  }));
  for (let i = 0; i < people.length; i += batch) {
    const rows = people.slice(i, i + batch);
    const ids = rows.map((p) => p.id);
    await db.query(
      `INSERT INTO "Person" ("id", "role", "stage", "firstName", "locale", "localeConfirmed", "timezone", "createdAt", "updatedAt")
       SELECT u.id, 'participant', 'member', u.name, u.locale, true, 'Europe/Paris', now(), now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, name, locale)`,
      [ids, rows.map((_, j) => `Membre${i + j}`), rows.map((p) => p.locale)],
    );
    await db.query(
      `INSERT INTO "Identity" ("id", "personId", "channel", "externalId", "displayName", "lastInboundAt", "createdAt")
       SELECT gen_random_uuid()::text, u.pid, 'whatsapp', u.ext, u.name, $4, now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(pid, ext, name)`,
      [ids, rows.map((p) => p.externalId), rows.map((_, j) => `Membre${i + j}`), opts.lastInboundAt],
    );
    await db.query(
      `INSERT INTO "Membership" ("id", "cohortId", "personId", "role", "status", "joinedAt")
       SELECT gen_random_uuid()::text, $1, u.pid, 'member', 'active', now() FROM unnest($2::text[]) AS u(pid)`,
      [opts.cohortId, ids],
    );
    await db.query(
      `INSERT INTO "Consent" ("id", "personId", "kind", "version", "givenAt")
       SELECT gen_random_uuid()::text, u.pid, 'data_processing', $2, now() FROM unnest($1::text[]) AS u(pid)`,
      [ids, PRIVACY_NOTICE_VERSION],
    );
  }
  return people;
}

export async function createCohort(db: pg.Pool, key: string, reminderOffsets: string[] = ["-P1D", "-PT2H"]): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "Cohort" ("id", "key", "name", "timezone", "startsOn", "endsOn", "reminderOffsets", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'Europe/Paris', $4, $5, $6, now(), now())`,
    [id, key, `Coopérative ${key}`, "2026-01-01", "2030-12-31", reminderOffsets],
  );
  return id;
}

/** A coordinator (role in the database, as the programme import sets it) with a console address. */
export async function createCoordinator(db: pg.Pool, cohortId: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "Person" ("id", "role", "stage", "firstName", "locale", "localeConfirmed", "createdAt", "updatedAt")
     VALUES ($1, 'coordinator', 'member', 'Amina', 'fr', true, now(), now())`,
    [id],
  );
  await db.query(`INSERT INTO "Identity" ("id", "personId", "channel", "externalId", "createdAt") VALUES (gen_random_uuid()::text, $1, 'console', 'coord', now())`, [id]);
  await db.query(
    `INSERT INTO "Membership" ("id", "cohortId", "personId", "role", "status", "joinedAt") VALUES (gen_random_uuid()::text, $1, $2, 'coordinator', 'active', now())`,
    [cohortId, id],
  );
  return id;
}
