/**
 * Text normalisation shared by every flow: people type numbers in their own digits, add emoji,
 * right-to-left marks and stray spaces. `normalise("  ٣ ")` is "3".
 */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x09e6, 0x0966, 0xff10];

export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef\u0966-\u096f\uff10-\uff19]/g, (ch) => {
    const code = ch.charCodeAt(0);
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9) ?? code;
    return String(code - zero);
  });
}

/** Lower-cases, removes controls, bidi marks, zero-width characters and accents, folds spaces. */
export function normalise(text: string): string {
  return toAsciiDigits(text)
    .normalize("NFKC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, " ")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a text, normalised, split on anything but letters and digits ("📝 M'inscrire" → m, inscrire). */
export function wordsIn(text: string): string[] {
  return normalise(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** How many words a text has, split on spaces ("" has one, as a message has at least one). */
export function wordCount(text: string): number {
  return text.trim().split(/\s+/).length;
}

/** The 1-based number a person typed to pick a choice ("2", "٢", "2.", "n°2"), if that is all they typed. */
export function typedNumber(text: string): number | undefined {
  const match = /^(?:n[°o]\s*)?(\d{1,2})[.)]?$/.exec(normalise(text));
  return match ? Number(match[1]) : undefined;
}
