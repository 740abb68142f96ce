import type { Address } from "../../core/inbound.ts";
import type { Person, Prisma } from "../../db/generated/client.ts";
import type { Effect } from "../../engine/types.ts";
import type { AppDeps } from "../../deps.ts";
import type { PostCommit } from "../../outbox/post-commit.ts";

/** What every effect handler of one turn works with, inside the turn's transaction. */
export interface EffectContext {
  deps: AppDeps;
  tx: Prisma.TransactionClient;
  now: Date;
  inboundId: string;
  address: Address;
  /** The person the turn is for, as it began. */
  readonly actor: Person;
  /** The person as the effects so far left them (a new language, a first name…). */
  person: Person;
  /**
   * A new language, not written yet: the turn's end writes it with the rest of its batch (app/turn/turn-store.ts,
   * finishTurns), unless another effect of the turn needs the row first (applyEffects writes it then).
   */
  locale?: { locale: string | null; localeConfirmed: boolean; written: boolean };
  /** An erasure ran: nothing of the person is left to answer. */
  erased: boolean;
  /** The effect's number in the turn, which keeps the idempotency keys of its notices apart. */
  n: number;
  /** The row the last action created (a broadcast), named by the audit entry that follows it. */
  lastSubject?: string;
  /** Messages to others, timers, broadcasts: run by the caller after the commit. */
  after: PostCommit;
}

/** The handler of one effect type. */
export type EffectHandler<T extends Effect["type"]> = (ctx: EffectContext, effect: Extract<Effect, { type: T }>) => Promise<void>;

/** Handlers for some effect types, each typed by its own. */
export type EffectHandlers<T extends Effect["type"]> = { [K in T]: EffectHandler<K> };
