import { normalise, wordCount } from "../../core/text.ts";
import { pastDay } from "../../understanding/slots/days.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { EngineResult, RecentEntry } from "../types.ts";
import { describe, UNDO_WINDOW_HOURS } from "./sale.ts";

export const UNDO = "undo";
/** The same window, in milliseconds. */
export const UNDO_WINDOW_MS = UNDO_WINDOW_HOURS * 3600_000;
/** Entries offered when the words do not name one ("annule la vente d'hier" with two yesterday). */
const OFFERED = 3;

/** The entries "undo" can still remove, the latest first. */
function recentOf(turn: Turn): RecentEntry[] {
  const { recentTransactions, lastTransaction } = turn.context;
  const all = recentTransactions ?? (lastTransaction ? [lastTransaction] : []);
  return all.filter((e) => turn.now.getTime() - new Date(e.recordedAt).getTime() <= UNDO_WINDOW_MS);
}

/**
 * The entries the words name, by their item ("la vente de bissap") and by their day ("d'hier");
 * undefined when they name neither, so the last entry is meant.
 */
function named(entries: RecentEntry[], turn: Turn): RecentEntry[] | undefined {
  const typed = turn.event.text ?? "";
  const words = new Set(normalise(typed).split(/[^\p{L}\p{N}]+/u).filter((w) => [...w].length >= 3));
  const byItem = entries.filter((e) => e.item && normalise(e.item).split(/[^\p{L}\p{N}]+/u).some((w) => [...w].length >= 3 && words.has(w)));
  const day = pastDay(typed, turn.now, turn.person.timezone);
  if (byItem.length || day) return (byItem.length ? byItem : entries).filter((e) => !day || e.occurredOn === day);
  // "annule la vente de mafé" with no mafé among them: which one, rather than the last one unasked; "la dernière" is the last.
  return wordCount(typed) >= 3 && !LAST.test(` ${normalise(typed)} `) ? entries : undefined;
}

/** "The last one", in every supported language. */
const LAST = / (?:dernier|derniere|last|latest|ultima|ultimo|última|último|последн\S*|останн\S*|الأخيرة|الاخيرة|الأخير|الاخير|آخر|اخر|آخرین|اخرین|وروستی|وروستۍ|শেষ\S*|መወዳእታ) /u;

/**
 * "Undo": shows the entry meant and asks before removing it: the last one of the last 24 hours, or
 * the one the words name ("annule la vente de bissap", "supprime celle d'hier"); when they name none
 * or several, the recent ones to choose from.
 */
export function askUndo(turn: Turn): EngineResult {
  const recent = recentOf(turn);
  if (!recent.length) {
    // The team's "annule" is rarely about a sale of their own: say where each change is taken back.
    const nothing = turn.person.role === "participant" ? text("undo.nothing", { hours: UNDO_WINDOW_HOURS }) : text("undo.nothing_team");
    return idle([nothing, mainMenu(turn.person, turn.context)]);
  }
  const meant = named(recent, turn);
  if (meant === undefined || meant.length === 1) return confirmUndo((meant ?? recent)[0]!);
  const offered = recent.slice(0, OFFERED);
  return reply({ flow: UNDO, step: "which", data: {} }, [
    choices(
      "undo.which",
      [...offered.map((e) => option(`undo:pick:${e.id}`, "undo.pick", { item: e.item ?? { t: "sale.no_item" }, total: { money: e.amountCents, currency: e.currency } })), option("undo:no", "undo.no")],
      {},
      offered.map((e) => describe({ ...e, text: null }, e.occurredOn)),
    ),
  ]);
}

function confirmUndo(entry: RecentEntry): EngineResult {
  return reply({ flow: UNDO, step: "confirm", data: { id: entry.id } }, [
    {
      type: "choices",
      say: { key: "undo.confirm" },
      lines: [describe({ ...entry, text: null }, entry.occurredOn)],
      choices: [option("undo:yes", "undo.yes"), option("undo:no", "undo.no")],
    },
  ]);
}

export function onUndo(turn: Turn): EngineResult {
  const id = String(turn.conversation.data["id"] ?? "");
  if (turn.choiceId === "undo:yes" && id) return idle([text("undo.done"), mainMenu(turn.person, turn.context)], [{ type: "undo_transaction", id }]);
  if (turn.choiceId === "undo:no") return idle([text("undo.kept"), mainMenu(turn.person, turn.context)]);
  const picked = turn.choiceId?.startsWith("undo:pick:") ? recentOf(turn).find((e) => e.id === turn.choiceId!.slice("undo:pick:".length)) : undefined;
  if (picked) return confirmUndo(picked);
  return askUndo(turn);
}
