import type { TFunction } from "i18next";
import type { Intent } from "../../core/intent.ts";
import type { Address } from "../../core/inbound.ts";
import type { Locale } from "../../core/locales.ts";
import type { Tx } from "../../db/tx.ts";
import type { Reply } from "../../engine/types.ts";
import type { AppDeps } from "../../deps.ts";

/** Who a turn's replies go to, and how they read them. */
export interface RenderTarget {
  personId: string | null;
  role: string;
  timezone: string;
  locale: Locale;
  address: Address;
  inboundId: string;
  purpose?: string;
}

/** What a reply's data is fetched with: the turn's transaction, and whose reply it is. */
export interface FetchContext {
  deps: AppDeps;
  tx: Tx;
  target: RenderTarget;
  /** The person the turn is for (still known when the reply confirms an erasure). */
  personId: string;
}

/** What rendering gets: the reader's words, and nothing that reaches the database. */
export interface RenderContext {
  t: TFunction;
  deps: Pick<AppDeps, "i18n" | "defaultLocale" | "now">;
  target: RenderTarget;
}

/**
 * A reply the engine can only name (the person's data, totals, exports, a roadmap, a sheet, a
 * preview): its data is fetched first, inside the turn's transaction, then rendered without a query.
 */
export interface DataReply<T extends Reply["type"], D> {
  fetch(ctx: FetchContext, reply: Extract<Reply, { type: T }>): Promise<D>;
  render(ctx: RenderContext, reply: Extract<Reply, { type: T }>, data: D): Intent[];
  /** The reply as shown, when its data leaves out some of the choices it names: rendered so, and a typed "1" means the first one shown. */
  shown?(reply: Extract<Reply, { type: T }>, data: D): Extract<Reply, { type: T }>;
}
