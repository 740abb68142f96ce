import { normalise, toAsciiDigits, wordsIn } from "../../core/text.ts";
import type { Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";
import { workload } from "../workload.ts";
import { listApplications, onReviewChoice } from "./review.ts";

/* An application accepted or declined in words: "accepte awa", "refuse le 2", "ok pour awa". */

const words = (list: string[]) => new RegExp(`(?:^|\\s)(?:${list.map((w) => normalise(w)).join("|")})(?=\\s|$)`, "u");

/** Accepting, said as such: done as the button does. */
const ACCEPT = words([
  "accepte", "accepter", "acceptez", "accepte la candidature", "valide", "valider", "accept", "approve", "admit",
  "acepta", "aceptar", "aceite", "aceita", "aceitar", "прими", "принять", "примите", "прийми", "прийняти", "اقبل", "أقبل", "قبول", "بپذیر", "قبول کن", "ومنئ", "গ্রহণ করো", "ተቐበል",
]);
/** "OK for Awa": the application shown, to accept with its button. */
const OK_FOR = /^(?:ok|oui|d accord|yes|si|sim|да|так|نعم|اوکی|هو|হ্যাঁ|እወ)\s+(?:pour|for|para|для|لـ|برای|د|জন্য)\s/u;
/** Declining: asked once more, as the button does (the applicant is told at once). */
const DECLINE = words([
  "refuse", "refuser", "refusez", "rejette", "rejeter", "decline", "reject", "rechaza", "rechazar", "recusa", "recusar",
  "отклони", "отклонить", "відхили", "відхилити", "ارفض", "رفض", "رد کن", "ونه منئ", "প্রত্যাখ্যান করো", "ንጸግ",
]);
/** The application's number in the list: "le 2", "#2", "n°2", "number 2". */
const NUMBER = /(?:^|\s)(?:le |la |# ?|n ?|no |number |numero )?(\d{1,2})(?=\s|$)/u;

/**
 * "accepte awa", "refuse le 2", "ok pour awa": the application named (by a word of its name, or its number
 * in the list) viewed, accepted or declined as its buttons do. Said of none, or of several: the list.
 * Undefined when the words neither accept nor decline.
 */
export function reviewAsked(turn: Turn, options: { listWhenNone: boolean } = { listWhenNone: true }): EngineResult | undefined {
  const said = normalise(toAsciiDigits(turn.event.text ?? "")).replace(/[’'.,!?:;]/gu, " ").replace(/\s+/gu, " ").trim();
  const okFor = OK_FOR.test(`${said} `);
  const accept = ACCEPT.test(said);
  const decline = DECLINE.test(said);
  if ((accept || okFor) === decline) return undefined;
  const pending = workload(turn.context).pendingApplications;
  const typed = new Set(wordsIn(said));
  const named = pending.filter((a) => wordsIn(a.name).some((w) => [...w].length >= 2 && typed.has(w)));
  const n = Number(NUMBER.exec(said)?.[1] ?? 0);
  const application = named.length === 1 ? named[0] : !named.length && n >= 1 ? pending[n - 1] : undefined;
  if (!application) return pending.length && options.listWhenNone ? listApplications(turn) : undefined;
  const action = decline ? "rd" : accept ? "ra" : "rv";
  return onReviewChoice({ ...turn, choiceId: `${action}:${application.id}` });
}
