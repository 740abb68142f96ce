import type { FireBase, FireHandler, FireResult } from "./types.ts";

/** Every kind of scheduled fire and what runs it: built once at the composition root (src/fire-kinds.ts). */
export interface FireRegistry extends FireBase {
  readonly kinds: readonly string[];
  handlerOf(kind: string): FireHandler | undefined;
}

/** The registry of these handlers; two handlers for one kind is a programming error. */
export function createFireRegistry(base: FireBase, handlers: readonly FireHandler[]): FireRegistry {
  const byKind = new Map<string, FireHandler>();
  for (const handler of handlers) {
    for (const kind of handler.kinds) {
      if (byKind.has(kind)) throw new Error(`two handlers for the fire kind "${kind}"`);
      byKind.set(kind, handler);
    }
  }
  return { prisma: base.prisma, log: base.log, now: base.now, kinds: [...byKind.keys()], handlerOf: (kind) => byKind.get(kind) };
}

/**
 * Runs fires of any kinds: reads each row's kind (one query for the lot), hands each kind's ids to its
 * handler, and answers for every id asked and every one a handler took along. An id without a row, or
 * of a kind nothing handles, is skipped.
 */
export async function runFires(registry: FireRegistry, ids: readonly string[], opts: { sweep?: number } = {}): Promise<Map<string, FireResult>> {
  const unique = [...new Set(ids)];
  const rows = await registry.prisma.scheduledFire.findMany({ where: { id: { in: unique } }, select: { id: true, kind: true } });
  const groups = new Map<FireHandler, string[]>();
  for (const row of rows) {
    const handler = registry.handlerOf(row.kind);
    if (handler) groups.set(handler, [...(groups.get(handler) ?? []), row.id]);
  }
  const results = new Map<string, FireResult>(unique.map((id) => [id, { outcome: "skipped" }]));
  for (const [handler, group] of groups) for (const [id, result] of await handler.run(group, opts)) results.set(id, result);
  return results;
}
