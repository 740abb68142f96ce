import { ZodError } from "zod";
import { AppError } from "../../../core/errors.ts";
import type { AppDeps } from "../../../deps.ts";
import { applyFireChanges } from "../../../fires/changes.ts";
import { importProgramme, plannedAfterImport, type ImportSummary } from "../../../programme/import.ts";
import { programmeSchema, type ProgrammeFile } from "../../../programme/schema.ts";
import type { Scope } from "../../scope.ts";
import { jsonProblem, placeOf, schemaProblems, type ImportProblem } from "./import-errors.ts";

/** The largest programme text the form takes (the service's body limit is 1 MiB). */
export const PROGRAMME_MAX_CHARS = 500_000;

export type ImportResult = { imported: ImportSummary; reminders: number } | { problems: ImportProblem[] };

/**
 * What a coordinator may import: only cohorts she already coordinates (an admin: any, new ones too),
 * and only people already on the staff as their coordinators, so a file cannot widen anyone's rights.
 */
async function outOfScope(deps: AppDeps, scope: Scope, file: ProgrammeFile, input: unknown): Promise<ImportProblem[]> {
  if (scope.all) return [];
  const problems: ImportProblem[] = [];
  for (const [i, cohort] of file.cohorts.entries()) {
    const existing = await deps.prisma.cohort.findUnique({ where: { key: cohort.key }, select: { id: true } });
    if (!existing || !scope.cohortIds.includes(existing.id)) {
      problems.push({ where: placeOf(input, ["cohorts", i]), key: existing ? "not_yours" : "new_cohort" });
      continue;
    }
    for (const [j, c] of cohort.coordinators.entries()) {
      const identity = await deps.prisma.identity.findUnique({ where: { channel_externalId: { channel: c.channel, externalId: c.externalId } }, select: { person: { select: { role: true } } } });
      if (identity?.person.role !== "coordinator" && identity?.person.role !== "admin") problems.push({ where: placeOf(input, ["cohorts", i, "coordinators", j]), key: "not_staff" });
    }
  }
  return problems;
}

/**
 * A programme pasted or read from a file, imported as `npm run admin -- import` does (the same
 * function, one transaction: a file with any problem writes nothing), then its reminders, cohort ends
 * and forecasts armed as the admin command arms them (programme/import.ts `plannedAfterImport`).
 * Problems come back as texts to show; a successful import is audited.
 */
export async function importFromConsole(deps: AppDeps, viewer: { id: string }, scope: Scope, text: string): Promise<ImportResult> {
  if (!text.trim()) return { problems: [{ where: [], key: "nothing" }] };
  if (text.length > PROGRAMME_MAX_CHARS) return { problems: [{ where: [], key: "too_large", params: { n: PROGRAMME_MAX_CHARS } }] };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return { problems: [jsonProblem(text, err as Error)] };
  }
  const parsed = programmeSchema.safeParse(input);
  if (!parsed.success) return { problems: schemaProblems(input, parsed.error) };
  const refused = await outOfScope(deps, scope, parsed.data, input);
  if (refused.length) {
    await deps.prisma.auditLog.create({ data: { actorId: viewer.id, action: "denied", subject: "console.programme.import", details: { reason: "scope", cohorts: parsed.data.cohorts.map((c) => c.key) } } });
    return { problems: refused };
  }
  let imported: ImportSummary;
  try {
    imported = await importProgramme(deps.prisma, input);
  } catch (err) {
    if (err instanceof ZodError) return { problems: schemaProblems(input, err) };
    if (err instanceof AppError && err.code === "programme.session_ends_before_start") return { problems: [{ where: [], key: "ends_before_start", params: { session: String(err.context["session"]) } }] };
    throw err;
  }
  const changes = await plannedAfterImport(deps.prisma, imported, deps.now());
  if (deps.fires) await applyFireChanges(deps.fires, changes);
  await deps.prisma.auditLog.create({
    data: {
      actorId: viewer.id,
      action: "programme.imported",
      subject: parsed.data.cohorts.map((c) => c.key).join(","),
      details: { cohorts: imported.cohorts, sessions: imported.sessions, members: imported.members, coordinators: imported.coordinators, via: "console" },
    },
  });
  return { imported, reminders: changes.schedule.length };
}
