import { ZodError } from "zod";
import { importProgramme, plannedAfterImport } from "../programme/import.ts";
import { armFromAnotherProcess } from "../fires/remote-timer.ts";
import { invalidFile, readJsonFile, type AdminContext } from "./context.ts";

/** `admin -- import FILE.json`: creates or updates a programme, idempotently by key. */
export async function importCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const { file, json } = await readJsonFile(ctx, args[0], "usage: npm run admin -- import FILE.json");
  try {
    const { prisma } = await ctx.db();
    const s = await importProgramme(prisma, json);
    // Reminders follow the file: planned for new sessions and members, moved with moved sessions.
    const changes = await plannedAfterImport(prisma, s, new Date());
    const armed = await armFromAnotherProcess(ctx.config.redis, changes);
    ctx.out.write(
      `cohorts: ${s.cohorts.created} created, ${s.cohorts.updated} updated, ${s.cohorts.unchanged} unchanged\n` +
        `sessions: ${s.sessions.created} created, ${s.sessions.updated} updated, ${s.sessions.unchanged} unchanged\n` +
        `members: ${s.members.added} added, ${s.members.unchanged} unchanged\n` +
        `coordinators: ${s.coordinators.added} added, ${s.coordinators.unchanged} unchanged\n` +
        `reminders: ${changes.schedule.length} planned or moved, ${changes.unschedule.length} cancelled` +
        (armed ? "\n" : " (Redis did not answer: the service schedules them within 5 minutes)\n"),
    );
  } catch (err) {
    if (err instanceof ZodError) throw invalidFile(file, "programme", err);
    throw err;
  }
}
