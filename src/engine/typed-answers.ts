import { wordCount } from "../core/text.ts";
import { numbersAsDigits } from "../understanding/slots/answers.ts";
import { findDay } from "../understanding/slots/days.ts";

/** Typed yes and no, where a flow asks one: the flow's own choice ids for each. Erasure takes the button only. */
export const YES_NO: Record<string, [yes: string, no: string]> = {
  "enrol.consent": ["consent:yes", "consent:no"],
  "enrol.summary": ["enrol:send", "enrol:edit"],
  "undo.confirm": ["undo:yes", "undo:no"],
  "undo.fix": ["undo:fix", "undo:no"],
  "sale.confirm": ["sale:ok", "sale:fix"],
  "answer_guess.which": ["relay:yes", "relay:no"],
  "broadcast.text_check": ["bc:textok", "bc:cancel"],
};

/**
 * A typed yes or no is a few words without a number: "oui c'est bon", "سم دی". A longer text that
 * starts with one, or one with numbers, in digits or words, or a day ("ماشي ٣، كانو ٤", "no, 4 plates", "non, quatre", "non c'était hier"), is a correction, not a yes.
 */
export function isShortAnswer(typed: string): boolean {
  return !hasNumber(typed) && !findDay(typed) && wordCount(typed) <= 4;
}

/** Whether a text says a number, in any digits or in words ("4", "٤", "quatre"). */
export function hasNumber(typed: string): boolean {
  return /\p{Nd}/u.test(numbersAsDigits(typed));
}
