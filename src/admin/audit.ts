import { sinceOption, type AdminContext } from "./context.ts";
import { NAME_FIELDS, personName } from "../core/person-name.ts";

/** `admin -- audit [--since YYYY-MM-DD]`: coordinator actions and refused attempts, oldest first. */
export async function auditCommand(ctx: AdminContext, args: string[]): Promise<void> {
  // The day at midnight UTC: `2026-11-01T10:00` or `2026/11/01` is refused here, unlike in `failures`.
  const since = sinceOption(args, new Date(0), (day) => new Date(`${day}T00:00:00Z`));
  const { prisma } = await ctx.db();
  const rows = await prisma.auditLog.findMany({ where: { at: { gte: since } }, orderBy: { at: "asc" }, take: 10_000 });
  const names = new Map(
    (await prisma.person.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))] } }, select: { id: true, role: true, ...NAME_FIELDS } })).map(
      (p) => [p.id, `${personName(p)} (${p.role})`],
    ),
  );
  for (const r of rows) {
    ctx.out.write(`${r.at.toISOString()}\t${r.actorId ? (names.get(r.actorId) ?? r.actorId) : "system"}\t${r.action}\t${r.subject ?? ""}\t${JSON.stringify(r.details)}\n`);
  }
  ctx.err.write(`${rows.length} entr${rows.length === 1 ? "y" : "ies"}.\n`);
}
