import { normalise, wordCount, wordsIn } from "../../core/text.ts";
import { lettersForDigits } from "../../understanding/index.ts";
import { pastDay } from "../../understanding/slots/days.ts";
import { LAST } from "../../understanding/said.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { EngineResult, RecentEntry } from "../types.ts";
import { describe, UNDO_WINDOW_HOURS } from "./sale.ts";
import { correctedByNumber } from "./sale-correction.ts";
import { recordedFrom, type Draft } from "./sale-draft.ts";

/** Longest "I made a mistake, it was 10 not 8" read as a correction of an entry already recorded. */
const FIX_MAX_WORDS = 16;

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
/** Whether the words name the entry's item ("la vente de bissap"). */
function namesItem(entry: RecentEntry, typed: string): boolean {
  const words = new Set(wordsIn(typed).filter((w) => [...w].length >= 3));
  return entry.item !== null && wordsIn(entry.item).some((w) => [...w].length >= 3 && words.has(w));
}

/** A correction this short ("non c'était 10€ pas 8") is about the last entry without naming it. */
const SHORT_FIX_WORDS = 8;

function named(entries: RecentEntry[], turn: Turn): RecentEntry[] | undefined {
  const typed = turn.event.text ?? "";
  const byItem = entries.filter((e) => namesItem(e, typed));
  const day = pastDay(typed, turn.now, turn.person.timezone);
  if (byItem.length || day) return (byItem.length ? byItem : entries).filter((e) => !day || e.occurredOn === day);
  // "annule la vente de mafé" with no mafé among them: which one, rather than the last one unasked; "la dernière" is the last.
  return wordCount(typed) >= 3 && !LAST.test(` ${normalise(typed)} `) ? entries : undefined;
}

/** Words that say what an entry was instead ("c'était 10 pas 8", "it was 4", "era 1", "было 3", "بود"). */
const SAYS_WHAT_IT_WAS = / (?:c etait|cetait|etait|c est|au lieu|pas|mais|was|is|not|instead|but|era|eran|fue|sino|no|foi|eram|nao|em vez|было|было|были|був|була|було|не|а|вместо|замість|كان|كانت|ماكانش|ما كانش|مش|بدل|بود|نبود|نه|به جای|ছিল|না|নয়|ነይሩ|ዘይኮነ|እዩ) /u;


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
  if (meant === undefined || meant.length === 1) {
    const entry = (meant ?? recent)[0]!;
    // "je me suis trompé, le thieb c'était 10€ pas 8": the entry corrected, asked, rather than only removed.
    // Digits only ("delete the last one" has a number word), and words that say what it was ("c'était", "not", "au lieu de").
    const typed = turn.event.text ?? "";
    const corrects = /\p{Nd}/u.test(lettersForDigits(typed)) && SAYS_WHAT_IT_WAS.test(` ${normalise(typed)} `);
    const fixed = corrects ? correctedByNumber({ ...entry, text: null }, typed, FIX_MAX_WORDS) : undefined;
    // A long correction that does not name this entry ("le thieb c'était 10€" with only bissap left) may be
    // about another one: which, rather than "correct the bissap?" with "yes" first.
    const aboutIt = wordCount(typed) <= SHORT_FIX_WORDS || namesItem(entry, typed);
    if (fixed && aboutIt) return confirmFix(entry, fixed, turn.event.text ?? null);
    if (!fixed || meant === undefined) return confirmUndo(entry);
  }
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

/** "Correct this entry? before → after": the new one replaces the old one on "yes"; removing it stays offered. */
function confirmFix(entry: RecentEntry, fixed: Draft, said: string | null): EngineResult {
  return reply({ flow: UNDO, step: "fix", data: { id: entry.id, fixed: { ...fixed, text: said } } }, [
    {
      type: "choices",
      say: { key: "undo.fix_confirm" },
      lines: [describe({ ...entry, text: null }, entry.occurredOn), describe(fixed, entry.occurredOn)],
      choices: [option("undo:fix", "undo.fix_yes"), option("undo:yes", "undo.yes"), option("undo:no", "undo.no")],
    },
  ]);
}

export function onUndo(turn: Turn): EngineResult {
  const id = String(turn.conversation.data["id"] ?? "");
  const fixed = turn.conversation.data["fixed"] as Draft | undefined;
  if (turn.choiceId === "undo:fix" && id && fixed) {
    return idle([text("undo.fixed"), mainMenu(turn.person, turn.context)], [{ type: "undo_transaction", id }, { type: "record_transaction", transaction: recordedFrom(fixed, fixed.occurredOn!) }]);
  }
  if (turn.choiceId === "undo:yes" && id) return idle([text("undo.done"), mainMenu(turn.person, turn.context)], [{ type: "undo_transaction", id }]);
  if (turn.choiceId === "undo:no") return idle([text("undo.kept"), mainMenu(turn.person, turn.context)]);
  const picked = turn.choiceId?.startsWith("undo:pick:") ? recentOf(turn).find((e) => e.id === turn.choiceId!.slice("undo:pick:".length)) : undefined;
  if (picked) return confirmUndo(picked);
  return askUndo(turn);
}
