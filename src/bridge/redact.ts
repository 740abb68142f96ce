import { findPhoneNumbersInText } from "libphonenumber-js";

/** What a person's profile knows that must not reach a translation provider (bridge/private-terms.ts). */
export interface PrivateTerms {
  /** First names, names the platforms show, each word of them. */
  names: readonly string[];
  /** Phone numbers as stored (WhatsApp ids: digits with the country code). */
  phones: readonly string[];
}

export interface Redacted {
  /** The text with each name and number replaced by a numbered mark, `[[1]]`. */
  text: string;
  /** How many terms were taken out. */
  count: number;
  /** The translation with the marks put back; a mark the provider lost leaves its term out. */
  restore(translated: string): string;
}

/** The mark a provider receives instead of a term: brackets and a number, which translators keep as they are. */
const mark = (n: number) => `[[${n}]]`;
const MARK = /\[\[\s*(\d+)\s*\]\]/gu;

/** The region phone numbers without a country code are read in (Migracoop works in France). */
const DEFAULT_COUNTRY = "FR";
/** Names shorter than this are not looked for (initials would match inside ordinary words' neighbours). */
const MIN_NAME_LENGTH = 2;
/** The digits of a stored number that identify it in a text, whatever prefix the writer used. */
const PHONE_TAIL = 9;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

/**
 * Takes names and phone numbers out of a text before it goes to a translation provider, and puts
 * them back in the translation: every phone number in the text (any format libphonenumber-js finds,
 * French numbers without a prefix too), the profile's numbers however they are written, and the
 * profile's names as whole words, whatever their case.
 *
 * @example redact("Bonjour Olena, appelez le 06 12 34 56 78", { names: ["Olena"], phones: [] }).text
 *   === "Bonjour [[1]], appelez le [[2]]"
 */
export function redact(text: string, terms: PrivateTerms): Redacted {
  const spans: Array<{ start: number; end: number }> = [];
  for (const found of findPhoneNumbersInText(text, DEFAULT_COUNTRY)) spans.push({ start: found.startsAt, end: found.endsAt });
  for (const phone of terms.phones) {
    const digits = phone.replace(/\D/gu, "");
    if (digits.length < PHONE_TAIL) continue;
    // The last nine digits, with any spaces, dots or dashes between them, and whatever came before.
    const tail = digits.slice(-PHONE_TAIL).split("").join("[\\s.\\-]?");
    for (const m of text.matchAll(new RegExp(`(?:\\+?\\d[\\s.\\-]?){0,4}${tail}(?!\\d)`, "gu"))) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  const names = [...new Set(terms.names.map((n) => n.trim()).filter((n) => [...n].length >= MIN_NAME_LENGTH))].sort((a, b) => b.length - a.length);
  for (const name of names) {
    for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, "giu"))) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  // Longest first where spans overlap ("Olena Kovalenko" over "Olena"), then in reading order.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof spans = [];
  for (const span of spans) if (!kept.length || span.start >= kept.at(-1)!.end) kept.push(span);

  const terms_: string[] = [];
  const numberOf = new Map<string, number>();
  let out = "";
  let at = 0;
  for (const { start, end } of kept) {
    const term = text.slice(start, end);
    let n = numberOf.get(term.toLowerCase());
    if (n === undefined) {
      terms_.push(term);
      n = terms_.length;
      numberOf.set(term.toLowerCase(), n);
    }
    out += text.slice(at, start) + mark(n);
    at = end;
  }
  out += text.slice(at);
  return {
    text: out,
    count: kept.length,
    restore: (translated) => translated.replace(MARK, (whole, n: string) => terms_[Number(n) - 1] ?? whole),
  };
}
