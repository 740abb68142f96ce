/**
 * Fitting text into a platform's length limits without breaking what people read:
 * long texts are split at line breaks, then at spaces, and only as a last resort inside a word,
 * never inside a character (emoji, accented letters, Arabic ligatures stay whole).
 *
 * Lengths are counted in UTF-16 code units (`string.length`), as the WhatsApp client library
 * checks them; for emoji this is stricter than Meta's own count, never looser.
 *
 * The one splitter of both platforms (WhatsApp 4,096 per text, 1,024 per body; Telegram 4,096).
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** A break point found before this share of the limit would make a needlessly short chunk. */
const MIN_FILL = 0.3;

/**
 * Splits `text` into chunks of at most `max` UTF-16 units, preferring line breaks, then spaces.
 * The separator where a cut happens is dropped; chunks are never empty.
 *
 * @example splitText("one two three", 8) // ["one two", "three"]
 */
export function splitText(text: string, max: number): string[] {
  if (max < 2) throw new RangeError(`splitText: max must be at least 2 (got ${max})`);
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut = breakPoint(window, max);
    const chunk = rest.slice(0, cut.end).replace(/\s+$/u, "");
    if (chunk.length > 0) chunks.push(chunk);
    rest = rest.slice(cut.next).replace(/^[ \t]+/u, "");
    if (cut.next === 0) break; // cannot happen (max >= 2), but never loop forever
  }
  const last = rest.replace(/\s+$/u, "");
  if (last.length > 0 || chunks.length === 0) chunks.push(last);
  return chunks;
}

/**
 * Where to cut a window of `max + 1` units: `end` is where the chunk stops, `next` where the rest
 * begins (after the separator). The window's last unit is only there to see a separator at `max`.
 */
function breakPoint(window: string, max: number): { end: number; next: number } {
  const minimum = Math.floor(max * MIN_FILL);
  const newline = window.lastIndexOf("\n", max);
  if (newline >= minimum && newline > 0) return { end: newline, next: newline + 1 };
  const space = lastWhitespace(window, max);
  if (space >= minimum && space > 0) return { end: space, next: space + 1 };
  if (newline > 0) return { end: newline, next: newline + 1 };
  if (space > 0) return { end: space, next: space + 1 };
  const hard = graphemeBoundary(window, max);
  return { end: hard, next: hard };
}

function lastWhitespace(s: string, from: number): number {
  for (let i = Math.min(from, s.length - 1); i >= 0; i--) {
    if (/\s/u.test(s[i] ?? "")) return i;
  }
  return -1;
}

/** The largest grapheme boundary at or before `max` (at least one grapheme, even an oversized one). */
function graphemeBoundary(s: string, max: number): number {
  let boundary = 0;
  for (const { index, segment } of segmenter.segment(s)) {
    const end = index + segment.length;
    if (end > max) return boundary === 0 ? end : boundary;
    boundary = end;
  }
  return boundary;
}

/**
 * Shortens `text` to at most `max` UTF-16 units, ending with "…" when something was cut,
 * without splitting a character.
 *
 * @example truncate("Atelier comptabilité", 10) // "Atelier c…"
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  const ellipsis = "…";
  const end = graphemeBoundaryWithin(text, max - ellipsis.length);
  return text.slice(0, end).replace(/\s+$/u, "") + ellipsis;
}

/**
 * `truncate` for a label: cut after a whole word when one ends in the second half of the room, so a
 * title reads "Hygiène et sécurité…" rather than "Hygiène et sécurité a…"; a word too long for that is
 * cut as `truncate` cuts it.
 *
 * @example truncateWords("📅 Hygiène et sécurité alimentaire", 24) // "📅 Hygiène et sécurité…"
 */
export function truncateWords(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return text;
  const kept = cut.slice(0, -"…".length);
  // The cut fell between two words: every word kept is whole.
  if (/^\s/u.test(text.slice(kept.length))) return tidy(kept) + "…";
  const wordCut = kept.search(/\s\S*$/u);
  return wordCut >= max / 2 ? tidy(kept.slice(0, wordCut)) + "…" : cut;
}

/** A cut's end without the spaces and the punctuation that led to the words cut off. */
function tidy(s: string): string {
  return s.replace(/[\s:;,–—-]+$/u, "");
}

function graphemeBoundaryWithin(s: string, max: number): number {
  let boundary = 0;
  for (const { index, segment } of segmenter.segment(s)) {
    if (index + segment.length > max) break;
    boundary = index + segment.length;
  }
  return boundary;
}
