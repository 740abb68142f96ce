import { DateTime, Duration, IANAZone } from "luxon";
import { z } from "zod";
import { LOCALES } from "../core/locales.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-12-01");
const isoDateTime = z.string().refine((v) => DateTime.fromISO(v, { setZone: true }).isValid, "an ISO date-time like 2026-12-01T09:30");
const offset = z.string().refine((v) => /^-?P/.test(v) && Duration.fromISO(v.replace(/^-/, "")).isValid, "an ISO-8601 duration such as -P1D or -PT2H");
const key = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, "letters, digits, - _ . : (at most 64)");

const member = z.object({
  channel: z.enum(["whatsapp", "telegram", "console"]),
  externalId: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100).optional(),
  locale: z.enum(LOCALES).optional(),
});

const session = z
  .object({
    key,
    /** One title, or one per language: `{"fr": "Fixer ses prix", "ar": "…"}` (French, else the first, is the main one). */
    title: z.union([
      z.string().trim().min(1).max(200),
      z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(200)).refine((t) => Object.keys(t).length > 0, "at least one language"),
    ]),
    /** Local time in the cohort's zone when no offset is given ("2026-12-01T09:30"). */
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    location: z.string().trim().max(300).optional(),
  })
  .strict();

export const cohortSchema = z
  .object({
    key,
    name: z.string().trim().min(1).max(200),
    timezone: z.string().refine((v) => IANAZone.isValidZone(v), "an IANA time zone such as Europe/Paris").default("Europe/Paris"),
    startsOn: isoDate,
    endsOn: isoDate,
    reminderOffsets: z.array(offset).max(6).default(["-P1D", "-PT2H"]),
    checkInOffsets: z.array(z.string().regex(/^P/, "an ISO-8601 duration such as P6M")).max(12).optional(),
    sessions: z.array(session).default([]),
    members: z.array(member).default([]),
    coordinators: z.array(member.omit({ locale: true }).extend({ locale: z.enum(LOCALES).optional() })).default([]),
  })
  .strict();

/** A programme file, as `npm run admin -- import FILE.json` takes it (README: "Programme file"). */
export const programmeSchema = z.object({ cohorts: z.array(cohortSchema).min(1) }).strict();

export type ProgrammeFile = z.infer<typeof programmeSchema>;
export type CohortInput = z.infer<typeof cohortSchema>;
export type MemberInput = z.infer<typeof member>;
